-module(stdlib_array).
-export([main/0]).

main() ->
    A = array:from_list([a, b, c, d, e]),
    p(A),
    p({array:new(), array:new(5), array:new(12, [{default, 0}]), array:new([{size, 3}, {fixed, false}])}),
    p({array:size(A), array:default(A), array:is_array(A), array:is_array(x)}),
    p({array:is_fix(A), array:is_fix(array:new(3)), array:fix(A), array:relax(array:new(3))}),
    p({array:get(2, A), array:get(100, A), array:to_list(A)}),
    p(array:set(2, x, A)),
    p(array:set(25, z, A)),
    p(array:set(150, z, array:new())),
    p(array:reset(1, A)),
    p({array:resize(3, A), array:resize(12, A)}),
    p(array:to_list(array:set(4, y, array:resize(2, A)))),
    p(array:resize(array:set(7, x, array:resize(20, A)))),
    p(array:from_list(lists:seq(1, 23), none)),
    p(array:from_orddict([{1, a}, {5, b}, {25, c}])),
    p(array:from_orddict([{10, x}])),
    B = array:from_orddict([{1, a}, {5, b}, {12, c}], z),
    p({array:to_list(B), array:sparse_to_list(B)}),
    p({array:to_orddict(array:from_list([p, q])), array:sparse_to_orddict(B)}),
    p(array:map(fun(I, X) -> {I, X} end, B)),
    p(array:sparse_map(fun(I, X) -> {I, X} end, B)),
    p(array:foldl(fun(I, X, Acc) -> [{I, X} | Acc] end, [], B)),
    p(array:foldr(fun(I, X, Acc) -> [{I, X} | Acc] end, [], B)),
    p(array:sparse_foldl(fun(I, X, Acc) -> [{I, X} | Acc] end, [], B)),
    p(array:sparse_foldr(fun(I, X, Acc) -> [{I, X} | Acc] end, [], B)),
    p({array:sparse_size(B), array:sparse_size(array:new(10))}),
    C = array:resize(20, array:resize(5, array:fix(array:from_list(lists:seq(1, 120))))),
    p({array:size(C), length(array:to_list(C)), array:sparse_size(C)}),
    p(e(fun() -> array:get(5, array:fix(A)) end)),
    p(e(fun() -> array:set(-1, x, A) end)),
    p(e(fun() -> array:set(5, x, array:new(5)) end)),
    p(e(fun() -> array:new([{size, -1}]) end)),
    p(e(fun() -> array:from_orddict([{2, a}, {1, b}]) end)),
    p(e(fun() -> array:from_list(id([a | b])) end)),
    p(e(fun() -> array:size(id(x)) end)),
    p(e(fun() -> array:fix(id(x)) end)),
    p(e(fun() -> array:map(id(notfun), A) end)),
    ok.

p(X) -> io:format("~p~n", [X]).
id(X) -> X.
e(F) -> try F() catch C:R -> {C, R} end.
