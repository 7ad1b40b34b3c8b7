-module(algo_bst).
-export([main/0]).
-compile({no_auto_import, [size/1]}).

main() ->
    Keys = [50, 30, 70, 20, 40, 60, 80, 35, 45, 65],
    T = lists:foldl(fun(K, Acc) -> insert(K, integer_to_list(K), Acc) end, nil, Keys),
    io:format("tree: ~p~n", [T]),
    io:format("in order: ~p~n", [to_list(T)]),
    io:format("size: ~p height: ~p~n", [size(T), height(T)]),
    io:format("lookup 40: ~p~n", [lookup(40, T)]),
    io:format("lookup 99: ~p~n", [lookup(99, T)]),
    io:format("min/max: ~p ~p~n", [min_key(T), max_key(T)]),
    T2 = delete(30, T),
    io:format("after delete 30: ~p~n", [[K || {K, _} <- to_list(T2)]]),
    T3 = delete(50, T2),
    io:format("after delete 50: ~p~n", [[K || {K, _} <- to_list(T3)]]),
    io:format("root now: ~p~n", [element(2, T3)]),
    Big = lists:foldl(fun(K, Acc) -> insert((K * 7919) rem 10007, K, Acc) end, nil, lists:seq(1, 2000)),
    io:format("big size: ~p height: ~p~n", [size(Big), height(Big)]),
    ok.

insert(K, V, nil) -> {node, K, V, nil, nil};
insert(K, V, {node, K, _, L, R}) -> {node, K, V, L, R};
insert(K, V, {node, NK, NV, L, R}) when K < NK -> {node, NK, NV, insert(K, V, L), R};
insert(K, V, {node, NK, NV, L, R}) -> {node, NK, NV, L, insert(K, V, R)}.

lookup(_, nil) -> none;
lookup(K, {node, K, V, _, _}) -> {found, V};
lookup(K, {node, NK, _, L, _}) when K < NK -> lookup(K, L);
lookup(K, {node, _, _, _, R}) -> lookup(K, R).

to_list(nil) -> [];
to_list({node, K, V, L, R}) -> to_list(L) ++ [{K, V}] ++ to_list(R).

size(nil) -> 0;
size({node, _, _, L, R}) -> 1 + size(L) + size(R).

height(nil) -> 0;
height({node, _, _, L, R}) -> 1 + max(height(L), height(R)).

min_key({node, K, _, nil, _}) -> K;
min_key({node, _, _, L, _}) -> min_key(L).
max_key({node, K, _, _, nil}) -> K;
max_key({node, _, _, _, R}) -> max_key(R).

delete(_, nil) -> nil;
delete(K, {node, K, _, nil, R}) -> R;
delete(K, {node, K, _, L, nil}) -> L;
delete(K, {node, K, _, L, R}) ->
    M = min_key(R),
    {found, MV} = lookup(M, R),
    {node, M, MV, L, delete(M, R)};
delete(K, {node, NK, NV, L, R}) when K < NK -> {node, NK, NV, delete(K, L), R};
delete(K, {node, NK, NV, L, R}) -> {node, NK, NV, L, delete(K, R)}.
