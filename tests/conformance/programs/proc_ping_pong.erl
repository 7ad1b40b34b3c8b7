-module(proc_ping_pong).
-export([main/0, pong/1]).

%% Two processes exchange messages; each side prints at a few points and
%% the exchange is strictly alternating, so the output order is fixed.
main() ->
    Pong = spawn(?MODULE, pong, [true]),
    Top = self(),
    spawn(fun() -> ping(5, Pong, Top) end),
    receive ping_done -> ok end,
    %% A quiet, longer exchange counted at the end.
    Pong2 = spawn(?MODULE, pong, [false]),
    io:format("round trips: ~p~n", [count_trips(Pong2, 10000, 0)]),
    Pong2 ! finished,
    ok.

ping(0, Pong, Top) ->
    Pong ! finished,
    io:format("ping finished~n"),
    Top ! ping_done;
ping(N, Pong, Top) ->
    Pong ! {ping, self(), N},
    receive
        {pong, N} -> io:format("ping received pong ~p~n", [N])
    end,
    ping(N - 1, Pong, Top).

pong(Verbose) ->
    receive
        finished -> ok;
        {ping, From, N} ->
            case Verbose of
                true -> io:format("pong received ping ~p~n", [N]);
                false -> ok
            end,
            From ! {pong, N},
            pong(Verbose)
    end.

count_trips(_Pong, 0, Acc) -> Acc;
count_trips(Pong, N, Acc) ->
    Pong ! {ping, self(), quiet},
    receive {pong, quiet} -> count_trips(Pong, N - 1, Acc + 1) end.
