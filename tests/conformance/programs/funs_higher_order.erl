-module(funs_higher_order).
-export([main/0]).

main() ->
    L = lists:seq(1, 10),
    io:format("map: ~p~n", [lists:map(fun(X) -> X * X end, L)]),
    io:format("filter: ~p~n", [lists:filter(fun(X) -> X rem 2 =:= 0 end, L)]),
    io:format("foldl: ~p~n", [lists:foldl(fun(X, Acc) -> [X | Acc] end, [], L)]),
    io:format("foldr: ~p~n", [lists:foldr(fun(X, Acc) -> [X | Acc] end, [], L)]),
    io:format("foldl sum: ~p~n", [lists:foldl(fun erlang:'+'/2, 0, L)]),
    io:format("any: ~p~n", [lists:any(fun(X) -> X > 9 end, L)]),
    io:format("all: ~p~n", [lists:all(fun(X) -> X > 0 end, L)]),
    io:format("all empty: ~p~n", [lists:all(fun(_) -> false end, [])]),
    io:format("flatmap: ~p~n", [lists:flatmap(fun(X) -> [X, X] end, [a, b])]),
    io:format("mapfoldl: ~p~n", [lists:mapfoldl(fun(X, S) -> {X * 2, S + X} end, 0, [1, 2, 3])]),
    io:format("takewhile: ~p~n", [lists:takewhile(fun(X) -> X < 4 end, L)]),
    io:format("dropwhile: ~p~n", [lists:dropwhile(fun(X) -> X < 8 end, L)]),
    io:format("partition: ~p~n", [lists:partition(fun(X) -> X > 5 end, L)]),
    io:format("sort desc: ~p~n", [lists:sort(fun(A, B) -> A >= B end, L)]),
    lists:foreach(fun(X) -> io:format("each ~p~n", [X]) end, [x, y]),
    io:format("my_map: ~p~n", [my_map(fun(X) -> {X} end, [1, 2])]),
    io:format("my_reduce: ~p~n", [my_reduce(fun(X, Y) -> X * Y end, [1, 2, 3, 4, 5])]),
    io:format("twice: ~p~n", [twice(fun(X) -> X + 3 end, 10)]),
    io:format("iterate: ~p~n", [iterate(fun(X) -> X * 2 end, 1, 10)]),
    io:format("zipwith: ~p~n", [zipwith(fun(A, B) -> A * B end, [1, 2, 3], [4, 5, 6])]),
    io:format("group: ~p~n", [group_by(fun(X) -> X rem 3 end, L)]),
    ok.

my_map(_, []) -> [];
my_map(F, [H | T]) -> [F(H) | my_map(F, T)].

my_reduce(F, [H | T]) -> lists:foldl(F, H, T).

twice(F, X) -> F(F(X)).

iterate(_, X, 0) -> [X];
iterate(F, X, N) -> [X | iterate(F, F(X), N - 1)].

zipwith(F, [A | As], [B | Bs]) -> [F(A, B) | zipwith(F, As, Bs)];
zipwith(_, [], []) -> [].

group_by(F, L) ->
    M = lists:foldl(fun(X, Acc) ->
                            K = F(X),
                            Acc#{K => maps:get(K, Acc, []) ++ [X]}
                    end, #{}, L),
    lists:sort(maps:to_list(M)).
