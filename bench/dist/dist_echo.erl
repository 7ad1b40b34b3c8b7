%% The far side of the distribution benchmarks: a registered echo process. It answers
%% {From, Msg} with Msg, counts {count, _} messages without answering, and tells how many
%% it counted on {From, total}, and ends on {From, stop} after saying so.
-module(dist_echo).
-export([main/0]).

main() ->
    register(echo, self()),
    io:format("ready~n"),
    loop(0).

loop(Count) ->
    receive
        {From, total} ->
            From ! {total, Count},
            loop(0);
        {From, stop} ->
            From ! stopped;
        {count, _} ->
            loop(Count + 1);
        {From, Msg} ->
            From ! Msg,
            loop(Count)
    end.
