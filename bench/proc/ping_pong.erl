%% One million round trips between two processes.
-module(ping_pong).
-export([main/0]).

main() -> ember_bench:run(fun() -> run(1000000) end).

run(N) ->
    Pong = spawn(fun pong/0),
    ping(Pong, N),
    Pong ! stop,
    N.

ping(_, 0) -> ok;
ping(Pong, K) ->
    Pong ! {self(), K},
    receive K -> ping(Pong, K - 1) end.

pong() ->
    receive
        {From, K} -> From ! K, pong();
        stop -> ok
    end.
