-module(stdlib_dict).
-export([main/0]).

main() ->
    D = dict:from_list([{b, 2}, {a, 1}, {c, 3}, {a, 10}]),
    p(D),
    p(dict:new()),
    p({dict:size(D), dict:is_empty(D), dict:is_empty(dict:new()), dict:to_list(D)}),
    p({dict:is_key(a, D), dict:is_key(z, D), dict:fetch(b, D), dict:find(c, D), dict:find(z, D)}),
    p(dict:fetch_keys(D)),
    p(dict:to_list(dict:store(d, 4, D))),
    p(dict:to_list(dict:erase(a, D))),
    {V, D1} = dict:take(b, D),
    p({V, dict:to_list(D1), dict:take(z, D)}),
    p(dict:to_list(dict:append(l, x, dict:append(l, w, D)))),
    p(dict:to_list(dict:append_list(l, [x, y], D))),
    p(dict:to_list(dict:update(a, fun(X) -> X * 100 end, D))),
    p(dict:to_list(dict:update(z, fun(X) -> X * 100 end, 0, D))),
    p(dict:to_list(dict:update_counter(c, 5, dict:update_counter(n, 1, D)))),
    p(dict:fold(fun(K, X, A) -> [{K, X} | A] end, [], D)),
    p(dict:to_list(dict:map(fun(K, X) -> {K, X} end, D))),
    p(dict:to_list(dict:filter(fun(_, X) -> X > 2 end, D))),
    p(dict:to_list(dict:merge(fun(K, X, Y) -> {K, X, Y} end, D, dict:from_list([{a, x}, {d, y}])))),
    Big = dict:from_list([{K, K * K} || K <- lists:seq(1, 100)]),
    p({dict:size(Big), element(3, Big), element(4, Big), element(5, Big), element(6, Big)}),
    p(dict:fetch_keys(Big)),
    Small = lists:foldl(fun dict:erase/2, Big, lists:seq(1, 95)),
    p(Small),
    p(dict:to_list(dict:from_list([{1, a}, {1.0, b}]))),
    p(e(fun() -> dict:fetch(z, D) end)),
    p(e(fun() -> dict:update(z, fun(X) -> X end, D) end)),
    p(e(fun() -> dict:size(id(notadict)) end)),
    p(e(fun() -> dict:store(a, 1, id(notadict)) end)),
    p(e(fun() -> dict:from_list([{a, 1}, b]) end)),
    p(e(fun() -> dict:update_counter(a, id(x), D) end)),
    p(e(fun() -> dict:filter(fun(_, X) -> X end, D) end)),
    ok.

p(X) -> io:format("~p~n", [X]).
id(X) -> X.
e(F) -> try F() catch C:R -> {C, R} end.
