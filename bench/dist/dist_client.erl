%% The near side of the distribution benchmarks, run with the far node's name: round trips
%% of a small message, then a stream of messages one way, timed (microseconds).
-module(dist_client).
-export([main/1]).

-define(ROUND_TRIPS, 100000).
-define(STREAM, 1000000).

main([Partner0]) ->
    Partner = list_to_atom(Partner0),
    pong = net_adm:ping(Partner),
    Echo = {echo, Partner},
    %% Warm up the connection.
    round_trips(Echo, 1000),
    {T1, ok} = timer:tc(fun() -> round_trips(Echo, ?ROUND_TRIPS) end),
    io:format("round_trip_us ~p~n", [T1]),
    {T2, ok} = timer:tc(fun() -> stream(Echo, ?STREAM) end),
    io:format("stream_us ~p~n", [T2]),
    %% The far node ends before this one does, so that its stop is not lost.
    Echo ! {self(), stop},
    receive stopped -> ok end.

round_trips(_Echo, 0) -> ok;
round_trips(Echo, N) ->
    Echo ! {self(), N},
    receive N -> round_trips(Echo, N - 1) end.

stream(Echo, N) ->
    [Echo ! {count, I} || I <- lists:seq(1, N)],
    Echo ! {self(), total},
    receive {total, N} -> ok end.
