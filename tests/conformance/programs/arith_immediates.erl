%% Operators and comparisons with a literal operand, on every kind of value: the
%% specialized instructions must agree with the general ones.
-module(arith_immediates).
-export([main/0]).

main() ->
    Values = [0, 1, -1, 2.5, 1.0, -0.0, 9223372036854775807, -9223372036854775808,
              123456789012345678901234567890, atom, [], "s", {t}, <<"b">>],
    lists:foreach(fun(V) -> io:format("~p: ~p~n", [V, ops(V)]) end, Values),
    io:format("~p~n", [[cmp(V) || V <- Values]]),
    io:format("~p~n", [count(10, 0)]),
    ok.

ops(X) ->
    [try_op(fun() -> X + 1 end), try_op(fun() -> X - 1 end), try_op(fun() -> X * 3 end),
     try_op(fun() -> X band 7 end), try_op(fun() -> X bor 8 end), try_op(fun() -> X bxor 5 end),
     try_op(fun() -> X div 2 end), try_op(fun() -> X rem 3 end), try_op(fun() -> X / 2 end),
     try_op(fun() -> 1 - X end)].

try_op(F) ->
    try F() catch error:R -> {error, R} end.

cmp(X) when X =:= 1 -> exact_one;
cmp(X) when X == 1 -> equal_one;
cmp(X) when X =:= atom -> the_atom;
cmp(X) when X =/= [], X < 0 -> negative;
cmp(X) when 2 > X -> below_two;
cmp(X) when X >= 100 -> large;
cmp([]) -> nil;
cmp(_) -> other.

count(0, Acc) -> Acc;
count(N, Acc) when N rem 2 =:= 0 -> count(N - 1, Acc + N);
count(N, Acc) -> count(N - 1, Acc).
