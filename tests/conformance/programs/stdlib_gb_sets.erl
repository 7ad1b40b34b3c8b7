-module(stdlib_gb_sets).
-export([main/0]).

main() ->
    S = gb_sets:from_list([c, a, e, b, d, a]),
    E = gb_sets:empty(),
    p(S),
    p({E, gb_sets:new(), gb_sets:singleton(x), gb_sets:is_empty(E), gb_sets:size(S)}),
    p(lists:foldl(fun gb_sets:add/2, E, lists:seq(1, 12))),
    p(gb_sets:from_ordset([1, 2, 3, 4])),
    p({gb_sets:is_member(c, S), gb_sets:is_element(z, S), gb_sets:is_set(S), gb_sets:is_set(x)}),
    p({gb_sets:insert(f, S), gb_sets:add_element(a, S) =:= S}),
    p({gb_sets:delete(c, S), gb_sets:delete_any(z, S) =:= S, gb_sets:del_element(a, S)}),
    p(gb_sets:balance(gb_sets:delete(a, gb_sets:delete(b, S)))),
    A = gb_sets:from_list(lists:seq(1, 20)),
    B = gb_sets:from_list(lists:seq(15, 40, 5)),
    p(gb_sets:union(A, B)),
    p(gb_sets:union(B, gb_sets:from_list([1, 2]))),
    p(gb_sets:union([S, gb_sets:from_list([x]), gb_sets:from_list([y])])),
    p(gb_sets:intersection(A, B)),
    p(gb_sets:intersection([A, B, gb_sets:from_list([20, 25])])),
    p({gb_sets:difference(B, A), gb_sets:subtract(A, B) =:= gb_sets:difference(A, B)}),
    p({gb_sets:is_subset(B, A), gb_sets:is_subset(gb_sets:from_list([2, 3]), A)}),
    p({gb_sets:is_disjoint(A, B), gb_sets:is_disjoint(S, B)}),
    p(gb_sets:to_list(gb_sets:union(gb_sets:from_list([1, 2.0, 3]), gb_sets:from_list([1.0, 2])))),
    p(gb_sets:to_list(gb_sets:intersection(gb_sets:from_list([1, 2.0, 3]), gb_sets:from_list([1.0, 2])))),
    p({gb_sets:smallest(S), gb_sets:largest(S), gb_sets:take_smallest(S), gb_sets:take_largest(S)}),
    It = gb_sets:iterator(S),
    p(It),
    p(walk(It)),
    p(walk(gb_sets:iterator_from(bb, S))),
    p(gb_sets:filter(fun(X) -> X =/= c end, S)),
    p(gb_sets:fold(fun(X, Acc) -> [X | Acc] end, [], S)),
    p(e(fun() -> gb_sets:insert(a, S) end)),
    p(e(fun() -> gb_sets:delete(z, S) end)),
    p(e(fun() -> gb_sets:smallest(E) end)),
    p(e(fun() -> gb_sets:union(id(x), S) end)),
    p(e(fun() -> gb_sets:fold(id(notfun), [], S) end)),
    ok.

walk(It) ->
    case gb_sets:next(It) of
        none -> [];
        {X, It1} -> [X | walk(It1)]
    end.

p(X) -> io:format("~p~n", [X]).
id(X) -> X.
e(F) -> try F() catch C:R -> {C, R} end.
