-module(op_bool_andalso).
-export([main/0]).

t(Label) -> io:format("eval ~s~n", [Label]), true.
f(Label) -> io:format("eval ~s~n", [Label]), false.

main() ->
    io:format("and: ~p ~p ~p ~p~n", [true and true, true and false, false and true, false and false]),
    io:format("or: ~p ~p ~p ~p~n", [true or true, true or false, false or true, false or false]),
    io:format("xor: ~p ~p ~p ~p~n", [true xor true, true xor false, false xor true, false xor false]),
    io:format("not: ~p ~p~n", [not true, not false]),
    io:format("r1 ~p~n", [f("a1") andalso t("a2")]),
    io:format("r2 ~p~n", [t("b1") andalso t("b2")]),
    io:format("r3 ~p~n", [t("c1") orelse t("c2")]),
    io:format("r4 ~p~n", [f("d1") orelse t("d2")]),
    io:format("r5 ~p~n", [f("e1") and t("e2")]),
    io:format("r6 ~p~n", [t("f1") or t("f2")]),
    io:format("tail non-bool andalso: ~p~n", [true andalso 42]),
    io:format("tail non-bool orelse: ~p~n", [false orelse {x}]),
    io:format("short orelse: ~p~n", [true orelse exit(boom)]),
    io:format("short andalso: ~p~n", [false andalso exit(boom)]),
    io:format("badarg and: ~p~n", [catch_reason(fun() -> id(1) and true end)]),
    io:format("badarg andalso: ~p~n", [catch_reason(fun() -> id(1) andalso true end)]),
    io:format("badarg not: ~p~n", [catch_reason(fun() -> not id(foo) end)]),
    io:format("nested: ~p~n", [(t("g1") andalso f("g2")) orelse t("g3")]),
    io:format("recursion: ~p ~p~n", [all_pos([1, 2, 3]), all_pos([1, -2, 3])]),
    io:format("in guard: ~p~n", [[classify(X) || X <- [0, 5, 50, -1, a]]]),
    ok.

id(X) -> X.

catch_reason(F) ->
    try F() of V -> {value, V} catch error:R -> {error, R} end.

all_pos([]) -> true;
all_pos([H | T]) -> H > 0 andalso all_pos(T).

classify(X) when is_integer(X) andalso X > 0 andalso X < 10 -> small;
classify(X) when is_integer(X), X >= 10 orelse X < 0 -> other;
classify(X) when not is_integer(X) -> nan;
classify(_) -> zero.
