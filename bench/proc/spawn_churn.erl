%% Spawn churn: one million monitored processes in batches of 10,000; each exits at once
%% and its 'DOWN' is collected.
-module(spawn_churn).
-export([main/0]).

main() -> ember_bench:run(fun() -> batches(100, 10000, 0) end).

batches(0, _, Acc) -> Acc;
batches(B, Size, Acc) ->
    Refs = [element(2, spawn_monitor(fun() -> ok end)) || _ <- lists:seq(1, Size)],
    collect(Refs),
    batches(B - 1, Size, Acc + Size).

collect([]) -> ok;
collect([R | Rest]) ->
    receive {'DOWN', R, process, _, normal} -> collect(Rest) end.
