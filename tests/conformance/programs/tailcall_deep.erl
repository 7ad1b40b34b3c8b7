-module(tailcall_deep).
-export([main/0]).

main() ->
    io:format("count: ~p~n", [count(10000000, 0)]),
    io:format("mutual even: ~p~n", [is_even(1000001)]),
    io:format("sum acc: ~p~n", [sum_to(3000000, 0)]),
    io:format("fun loop: ~p~n", [fun_loop(1000000)]),
    io:format("case tail: ~p~n", [case_loop(2000000, 0)]),
    io:format("tail via apply: ~p~n", [apply_loop(500000, 0)]),
    ok.

count(0, Acc) -> Acc;
count(N, Acc) -> count(N - 1, Acc + 1).

is_even(0) -> true;
is_even(N) -> is_odd(N - 1).
is_odd(0) -> false;
is_odd(N) -> is_even(N - 1).

sum_to(0, Acc) -> Acc;
sum_to(N, Acc) -> sum_to(N - 1, Acc + N).

fun_loop(N) ->
    Loop = fun L(0, Acc) -> Acc; L(K, Acc) -> L(K - 1, Acc + 2) end,
    Loop(N, 0).

case_loop(N, Acc) ->
    case N of
        0 -> Acc;
        _ when N rem 2 =:= 0 -> case_loop(N - 1, Acc + 1);
        _ -> case_loop(N - 1, Acc)
    end.

apply_loop(0, Acc) -> Acc;
apply_loop(N, Acc) -> erlang:apply(fun apply_loop/2, [N - 1, Acc + 1]).
