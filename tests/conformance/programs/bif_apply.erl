-module(bif_apply).
-export([main/0, add/2, zero/0]).

add(A, B) -> A + B.
zero() -> 0.

main() ->
    io:format("apply/2 fun: ~p~n", [apply(fun(X) -> X * 2 end, [21])]),
    io:format("apply/2 remote fun: ~p~n", [apply(fun ?MODULE:add/2, [1, 2])]),
    io:format("apply/3: ~p~n", [apply(?MODULE, add, [3, 4])]),
    io:format("apply/3 zero args: ~p~n", [apply(?MODULE, zero, [])]),
    io:format("apply lists: ~p~n", [apply(lists, reverse, [[1, 2, 3]])]),
    io:format("apply erlang: ~p~n", [apply(erlang, element, [2, {a, b}])]),
    io:format("apply operator: ~p~n", [apply(erlang, '+', [1, 2])]),
    io:format("erlang:apply: ~p~n", [erlang:apply(fun() -> nullary end, [])]),
    Ops = [{'+', 5, 3}, {'-', 5, 3}, {'*', 5, 3}, {'div', 5, 3}, {'rem', 5, 3}, {'/', 6, 3}, {'band', 5, 3}],
    io:format("operators: ~p~n", [[{Op, apply(erlang, Op, [A, B])} || {Op, A, B} <- Ops]]),
    io:format("undef: ~p~n", [try apply(?MODULE, nope, []) catch error:E -> E end]),
    io:format("badarity: ~p~n", [try apply(fun(X) -> X end, []) catch error:{badarity, {_, Args}} -> {badarity, Args} end]),
    io:format("badfun: ~p~n", [try apply(id(not_fun), []) catch error:E3 -> E3 end]),
    io:format("dynamic: ~p~n", [[apply(M, F, A) || {M, F, A} <- [{lists, sum, [[1, 2]]}, {erlang, length, [[x]]}, {?MODULE, add, [10, 20]}]]]),
    ok.

id(X) -> X.
