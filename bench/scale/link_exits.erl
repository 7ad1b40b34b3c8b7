%% A process that traps exits links to 100,000 workers, then all of them end and it takes
%% their 100,000 'EXIT' messages: each exit removes one of many links.
-module(link_exits).
-export([main/0]).

main() ->
    process_flag(trap_exit, true),
    ember_bench:run(fun() -> run(100000) end).

run(N) ->
    Pids = [spawn_link(fun() -> receive go -> ok end end) || _ <- lists:seq(1, N)],
    [P ! go || P <- Pids],
    length([receive {'EXIT', _, normal} -> ok end || _ <- Pids]).
