-module(stdlib_orddict).
-export([main/0]).

main() ->
    D = orddict:from_list([{b, 2}, {a, 1}, {c, 3}, {a, 10}]),
    p({D, orddict:new(), orddict:from_list([{x, 1}])}),
    p({orddict:size(D), orddict:is_empty(D), orddict:is_empty([]), orddict:to_list(D)}),
    p({orddict:is_key(a, D), orddict:is_key(z, D), orddict:fetch(b, D)}),
    p({orddict:find(c, D), orddict:find(z, D), orddict:fetch_keys(D)}),
    p({orddict:store(b, 20, D), orddict:store(0, x, D), orddict:store(z, x, D)}),
    p({orddict:erase(b, D), orddict:erase(z, D)}),
    p({orddict:take(b, D), orddict:take(z, D)}),
    p({orddict:append(a, x, [{a, [w]}]), orddict:append(b, x, [{a, [w]}])}),
    p({orddict:append_list(a, [x, y], [{a, [w]}]), orddict:append_list(0, [x], [{a, [w]}])}),
    p(orddict:update(a, fun(V) -> V * 100 end, D)),
    p({orddict:update(z, fun(V) -> V * 100 end, 0, D), orddict:update(c, fun(V) -> -V end, 0, D)}),
    p({orddict:update_counter(a, 5, D), orddict:update_counter(q, 5, D)}),
    p(orddict:fold(fun(K, V, Acc) -> [{V, K} | Acc] end, [], D)),
    p(orddict:map(fun(K, V) -> {K, V} end, D)),
    p(orddict:filter(fun(_, V) -> V > 2 end, D)),
    p(orddict:merge(fun(K, V1, V2) -> {K, V1, V2} end, D, [{a, x}, {d, y}])),
    p({orddict:store(1.0, x, [{1, a}]), orddict:fetch(1.0, [{1, a}])}),
    p(e(fun() -> orddict:fetch(z, D) end)),
    p(e(fun() -> orddict:update(z, fun(V) -> V end, D) end)),
    p(e(fun() -> orddict:from_list([{a, 1}, b]) end)),
    p(e(fun() -> orddict:update_counter(b, 1, [{b, x}]) end)),
    p(e(fun() -> orddict:map(id(notfun), []) end)),
    ok.

p(X) -> io:format("~p~n", [X]).
id(X) -> X.
e(F) -> try F() catch C:R -> {C, R} end.
