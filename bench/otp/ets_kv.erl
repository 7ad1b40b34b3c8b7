%% ETS: insert one million keys into a set table, then look each one up.
-module(ets_kv).
-export([main/0]).

main() ->
    ember_bench:run(fun() ->
        T = ets:new(bench, [set]),
        insert(T, 1000000),
        lookup(T, 1000000, 0)
    end).

insert(_, 0) -> ok;
insert(T, N) -> ets:insert(T, {N, N * 2}), insert(T, N - 1).

lookup(_, 0, Acc) -> Acc;
lookup(T, N, Acc) ->
    [{_, V}] = ets:lookup(T, N),
    lookup(T, N - 1, (Acc + V) band 16#FFFFFF).
