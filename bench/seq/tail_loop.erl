%% A 10-million-iteration tail-recursive loop with an accumulator.
-module(tail_loop).
-export([main/0]).

main() -> ember_bench:run(fun() -> loop(10000000, 0) end).

loop(0, Acc) -> Acc;
loop(N, Acc) -> loop(N - 1, (Acc + N) band 16#FFFFFF).
