%% lists:reverse/1,2 on lists that share cells with other live values: a reversal never
%% changes what another holder of a cell sees.
-module(lists_reverse_sharing).
-export([main/0]).

main() ->
    L = [1, 2, 3, 4, 5],
    T = tl(tl(L)),
    R = lists:reverse(L),
    io:format("~p ~p ~p~n", [L, T, R]),
    Built = build(6, []),
    Tail = tl(Built),
    R2 = lists:reverse(Built, [tail]),
    io:format("~p ~p~n", [Tail, R2]),
    Squares = [X * X || X <- lists:seq(1, 8)],
    io:format("~p ~p~n", [Squares, lists:reverse(Squares)]),
    Twice = lists:reverse(lists:reverse(lists:seq(1, 5))),
    io:format("~p~n", [Twice]),
    {'EXIT', {Why, _}} = (catch lists:reverse([a | b])),
    io:format("~p~n", [Why]),
    {'EXIT', {Why2, [Top | _]}} = (catch lists:reverse([a, b | c], [])),
    io:format("~p ~p~n", [Why2, Top]),
    Big = lists:seq(1, 200000),
    io:format("~p~n", [lists:sum(lists:reverse(Big)) =:= lists:sum(Big)]).

build(0, Acc) -> Acc;
build(N, Acc) -> build(N - 1, [N | Acc]).
