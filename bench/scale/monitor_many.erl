%% One process monitors 100,000 others, which then end in the reverse order: each 'DOWN'
%% ends one of many monitors.
-module(monitor_many).
-export([main/0]).

main() -> ember_bench:run(fun() -> run(100000) end).

run(N) ->
    Pids = [spawn(fun() -> receive go -> ok end end) || _ <- lists:seq(1, N)],
    Refs = [monitor(process, P) || P <- Pids],
    [P ! go || P <- lists:reverse(Pids)],
    length([receive {'DOWN', R, process, _, normal} -> ok end || R <- lists:reverse(Refs)]).
