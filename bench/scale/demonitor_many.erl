%% One process monitors 100,000 others and takes the monitors back in the reverse order.
-module(demonitor_many).
-export([main/0]).

main() -> ember_bench:run(fun() -> run(100000) end).

run(N) ->
    Pids = [spawn(fun() -> receive go -> ok end end) || _ <- lists:seq(1, N)],
    Refs = [monitor(process, P) || P <- Pids],
    Taken = length([R || R <- lists:reverse(Refs), demonitor(R, [flush])]),
    [P ! go || P <- Pids],
    Taken.
