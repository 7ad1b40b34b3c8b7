%% Spawns one million processes; each sends a result back; main collects and sums them.
-module(million).
-export([main/0]).

main() ->
    Self = self(),
    N = 1000000,
    spawn_all(N, Self),
    Sum = collect(N, 0),
    io:format("~p~n", [Sum]).

spawn_all(0, _) -> ok;
spawn_all(I, Self) ->
    spawn(fun() -> Self ! {result, I * 2} end),
    spawn_all(I - 1, Self).

collect(0, Acc) -> Acc;
collect(K, Acc) ->
    receive {result, V} -> collect(K - 1, Acc + V) end.
