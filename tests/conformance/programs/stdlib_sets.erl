-module(stdlib_sets).
-export([main/0]).

main() ->
    S = sets:from_list([c, a, b, a]),
    M = sets:from_list([c, a, b, a], [{version, 2}]),
    p(S),
    p(M),
    p({sets:new(), sets:new([{version, 2}]), sets:new([{version, 1}]) =:= sets:new()}),
    p({sets:is_set(S), sets:is_set(M), sets:is_set([a]), sets:size(S), sets:size(M)}),
    p({sets:is_empty(S), sets:is_empty(sets:new()), sets:is_empty(#{})}),
    p({sets:to_list(S), sets:to_list(M)}),
    p(sets:to_list(sets:from_list(lists:seq(1, 30)))),
    p({sets:is_element(a, S), sets:is_element(z, S), sets:is_element(a, M)}),
    p(sets:add_element(d, S)),
    p({sets:add_element(d, M), sets:del_element(a, M)}),
    p(sets:del_element(a, S)),
    Big = sets:from_list(lists:seq(1, 200)),
    p({sets:size(Big), element(3, Big), element(4, Big), element(5, Big)}),
    Small = lists:foldl(fun sets:del_element/2, Big, lists:seq(1, 190)),
    p({sets:size(Small), element(3, Small), lists:sort(sets:to_list(Small))}),
    p(lists:sort(sets:to_list(sets:union(S, sets:from_list([d, a]))))),
    p(sets:union(M, sets:from_list([d], [{version, 2}]))),
    p(sets:union(sets:from_list([x]), sets:from_list([y, z], [{version, 2}]))),
    p(sets:union([S, sets:from_list([e]), sets:from_list([f])])),
    p({sets:union([]), sets:intersection([S])}),
    p(sets:intersection(S, sets:from_list([b, c, d]))),
    p(sets:intersection(M, sets:from_list([b, c, d], [{version, 2}]))),
    p(sets:intersection([S, sets:from_list([b, c]), sets:from_list([c])])),
    p({sets:is_disjoint(S, sets:from_list([x])), sets:is_disjoint(S, sets:from_list([a]))}),
    p(sets:subtract(S, sets:from_list([a]))),
    p(sets:subtract(M, sets:from_list([a]))),
    p({sets:is_subset(sets:from_list([a]), S), sets:is_subset(S, sets:from_list([a]))}),
    p({sets:fold(fun(X, A) -> [X | A] end, [], S), sets:fold(fun(X, A) -> [X | A] end, [], M)}),
    p(sets:filter(fun(X) -> X =/= b end, S)),
    p(sets:filter(fun(X) -> X =/= b end, M)),
    p({sets:is_element(1.0, sets:from_list([1])), sets:size(sets:from_list([1, 1.0]))}),
    p(e(fun() -> sets:size(id(notaset)) end)),
    p(e(fun() -> sets:new([{version, 3}]) end)),
    p(e(fun() -> sets:from_list(id(notalist), [{version, 2}]) end)),
    p(e(fun() -> sets:fold(id(notfun), [], S) end)),
    p(e(fun() -> sets:filter(fun(X) -> X end, S) end)),
    p(e(fun() -> sets:intersection([]) end)),
    ok.

p(X) -> io:format("~p~n", [X]).
id(X) -> X.
e(F) -> try F() catch C:R -> {C, R} end.
