%% A ring of 10,000 processes passing a token around 1,000 times (10 million messages).
-module(ring).
-export([main/0, run/2]).

main() -> ember_bench:run(fun() -> run(10000, 1000) end).

run(N, Laps) ->
    Self = self(),
    First = spawn(fun() -> first(Self) end),
    Last = lists:foldl(fun(_, Next) -> spawn(fun() -> relay(Next) end) end, First, lists:seq(2, N)),
    First ! {link_to, Last},
    Last ! {token, N * Laps},
    receive {done, Hops} -> Hops end.

first(Main) ->
    receive {link_to, Next} -> first_loop(Main, Next) end.

first_loop(Main, Next) ->
    receive
        {token, 0} -> Main ! {done, ok};
        {token, K} -> Next ! {token, K - 1}, first_loop(Main, Next)
    end.

relay(Next) ->
    receive
        {token, 0} -> Next ! {token, 0};
        {token, K} -> Next ! {token, K - 1}, relay(Next)
    end.
