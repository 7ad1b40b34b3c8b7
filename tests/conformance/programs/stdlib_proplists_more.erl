-module(stdlib_proplists_more).
-export([main/0]).

main() ->
    L = [debug, {level, 3}, {name, "x"}, {level, 5}, {opt, 1, 2}, "junk", {flag, false}],
    p(proplists:get_value(level, L)),
    p(proplists:get_value(debug, L)),
    p(proplists:get_value(missing, L)),
    p(proplists:get_value(missing, L, default)),
    p(proplists:get_value(opt, L, default)),
    p(proplists:get_all_values(level, L)),
    p(proplists:append_values(a, [{a, [1, 2]}, {b, 0}, {a, 3}, a, {a, [4]}])),
    p(proplists:get_bool(debug, L)),
    p(proplists:get_bool(flag, L)),
    p(proplists:get_bool(level, L)),
    p(lists:sort(proplists:get_keys(L))),
    p(proplists:is_defined(opt, L)),
    p(proplists:is_defined(junk, L)),
    p(proplists:lookup(debug, L)),
    p(proplists:lookup(opt, L)),
    p(proplists:lookup(missing, L)),
    p(proplists:lookup_all(level, L)),
    p(proplists:delete(level, L)),
    p(proplists:compact([{a, true}, {b, false}, c, {"s", true}])),
    p(proplists:unfold([a, {b, 1}, "s"])),
    p(proplists:property({a, true})),
    p(proplists:property(b, 2)),
    p(proplists:property(c, true)),
    p(proplists:split([{c, 2}, {e, 1}, a, {c, 3, 4}, d, {b, 5}, b], [a, b, c])),
    p(proplists:substitute_aliases([{color, colour}], [color, {color, red}, {size, 1}])),
    p(proplists:substitute_negations([{no_debug, debug}], [no_debug, {no_debug, false}, {no_debug, true}])),
    p(proplists:expand([{foo, [bar, baz]}], [fie, foo, fum])),
    p(proplists:expand([{{foo, true}, [bar, baz]}], [{foo, false}, fie, foo, fum])),
    p(proplists:expand([{a, [b]}, {b, [c]}], [a, b])),
    p(proplists:normalize([a, {b, true}, {c, 1}, {a, false}],
                          [{aliases, [{c, d}]}, {negations, [{b, nb}]},
                           {expand, [{a, [x, {y, true}]}]}])),
    p(proplists:to_map([a, {b, 1}, {b, 2}, {c, 1, 2}, {c, 3}, "s"])),
    p(proplists:to_map([a, {b, 1}], [{aliases, [{b, c}]}])),
    p(proplists:from_map(#{x => 1, y => 2})),
    p(e(fun() -> proplists:get_value(a, id(notalist)) end)),
    p(e(fun() -> proplists:lookup(a, id([b | c])) end)),
    ok.

p(X) -> io:format("~p~n", [X]).
id(X) -> X.
e(F) -> try F() catch C:R -> {C, R} end.
