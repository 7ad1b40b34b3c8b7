-module(stdlib_ordsets).
-export([main/0]).

main() ->
    A = ordsets:from_list([c, a, b, a]),
    B = ordsets:from_list([b, c, d]),
    p({A, B, ordsets:new()}),
    p({ordsets:is_set(A), ordsets:is_set([b, a]), ordsets:is_set([1, 1.0]), ordsets:is_set(x)}),
    p({ordsets:size(A), ordsets:is_empty(A), ordsets:is_empty([]), ordsets:to_list(A)}),
    p({ordsets:is_element(b, A), ordsets:is_element(z, A)}),
    p({ordsets:add_element(d, A), ordsets:add_element(a, A), ordsets:add_element(0, A)}),
    p({ordsets:del_element(b, A), ordsets:del_element(z, A)}),
    p({ordsets:union(A, B), ordsets:intersection(A, B), ordsets:subtract(A, B)}),
    p({ordsets:union([A, B, [e]]), ordsets:union([]), ordsets:intersection([A, B, [c]])}),
    p({ordsets:is_disjoint(A, B), ordsets:is_disjoint(A, [x, y])}),
    p({ordsets:is_subset([a, c], A), ordsets:is_subset(B, A)}),
    p({ordsets:union([1, 2.0, 3], [1.0, 2]), ordsets:union([1.0, 2], [1, 2.0, 3])}),
    p({ordsets:intersection([1, 2.0, 3], [1.0, 2]), ordsets:intersection([2, 3.0], [1, 3])}),
    p({ordsets:subtract([1, 2, 3], [2.0]), ordsets:is_element(2.0, [1, 2, 3])}),
    p(ordsets:fold(fun(X, Acc) -> [X | Acc] end, [], A)),
    p(ordsets:filter(fun(X) -> X =/= b end, A)),
    p(e(fun() -> ordsets:intersection([]) end)),
    p(e(fun() -> ordsets:union(id(x), [a]) end)),
    p(e(fun() -> ordsets:is_element(a, id(x)) end)),
    p(e(fun() -> ordsets:size(id(x)) end)),
    ok.

p(X) -> io:format("~p~n", [X]).
id(X) -> X.
e(F) -> try F() catch C:R -> {C, R} end.
