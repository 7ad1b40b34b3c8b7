%% Building a one-million-key map with maps:put/3, then folding over it.
-module(map_build).
-export([main/0]).

main() -> ember_bench:run(fun() -> M = build(1000000, #{}), maps:fold(fun(K, V, A) -> (A + K + V) band 16#FFFFFFF end, 0, M) end).

build(0, M) -> M;
build(N, M) -> build(N - 1, maps:put(N, N * 2, M)).
