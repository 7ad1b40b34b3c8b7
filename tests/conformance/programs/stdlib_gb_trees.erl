-module(stdlib_gb_trees).
-export([main/0]).

main() ->
    T = gb_trees:from_orddict([{a, 1}, {b, 2}, {c, 3}, {d, 4}, {e, 5}]),
    E = gb_trees:empty(),
    p(T),
    p({E, gb_trees:is_empty(E), gb_trees:is_empty(T), gb_trees:size(T)}),
    p(lists:foldl(fun(K, Acc) -> gb_trees:insert(K, K * K, Acc) end, E, lists:seq(1, 12))),
    p(lists:foldl(fun(K, Acc) -> gb_trees:enter(K, x, Acc) end, E, [5, 3, 8, 1, 4, 7, 9, 2, 6])),
    p({gb_trees:lookup(c, T), gb_trees:lookup(z, T), gb_trees:get(d, T), gb_trees:is_defined(e, T)}),
    p(gb_trees:update(c, 30, T)),
    p(gb_trees:enter(f, 6, T)),
    p(gb_trees:delete(c, T)),
    p({gb_trees:delete_any(z, T) =:= T, gb_trees:take(a, T), gb_trees:take_any(z, T)}),
    p(gb_trees:balance(gb_trees:delete(b, gb_trees:delete(a, T)))),
    p({gb_trees:to_list(T), gb_trees:keys(T), gb_trees:values(T)}),
    p({gb_trees:smallest(T), gb_trees:largest(T)}),
    p({gb_trees:take_smallest(T), gb_trees:take_largest(T)}),
    It = gb_trees:iterator(T),
    p(It),
    p(walk(It)),
    p(walk(gb_trees:iterator_from(c, T))),
    p(walk(gb_trees:iterator_from(bb, T))),
    p(gb_trees:map(fun(K, V) -> {K, V} end, T)),
    p(gb_trees:lookup(1.0, gb_trees:insert(1, one, E))),
    p(e(fun() -> gb_trees:insert(a, 0, T) end)),
    p(e(fun() -> gb_trees:get(z, T) end)),
    p(e(fun() -> gb_trees:update(z, 0, T) end)),
    p(e(fun() -> gb_trees:delete(z, T) end)),
    p(e(fun() -> gb_trees:take_smallest(E) end)),
    p(e(fun() -> gb_trees:size(id(notatree)) end)),
    p(e(fun() -> gb_trees:map(id(notfun), T) end)),
    ok.

walk(It) ->
    case gb_trees:next(It) of
        none -> [];
        {K, V, It1} -> [{K, V} | walk(It1)]
    end.

p(X) -> io:format("~p~n", [X]).
id(X) -> X.
e(F) -> try F() catch C:R -> {C, R} end.
