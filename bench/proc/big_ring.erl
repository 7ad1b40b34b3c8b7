%% A ring of one million processes, one lap: spawning and one message per process.
-module(big_ring).
-export([main/0]).

main() -> ember_bench:run(fun() -> run(1000000) end).

run(N) ->
    Self = self(),
    First = lists:foldl(fun(_, Next) -> spawn(fun() -> relay(Next) end) end, Self, lists:seq(1, N)),
    First ! token,
    receive token -> N end.

relay(Next) ->
    receive token -> Next ! token end.
