%% The classic string functions that ember runs natively (tokens, join, to_upper,
%% to_lower) on ordinary and on odd arguments: what they build, and what they raise.
-module(stdlib_string_classic_edges).
-export([main/0]).

main() ->
    show(fun() -> string:tokens("  the quick,, brown  fox ", " ,") end),
    show(fun() -> string:tokens("abc", "") end),
    show(fun() -> string:tokens("", " ") end),
    show(fun() -> string:tokens("", "") end),
    show(fun() -> string:tokens("   ", " ") end),
    show(fun() -> string:tokens([1, a, 2, b, 3], [a, b]) end),
    show(fun() -> string:tokens("a b", [$\s | x]) end),
    show(fun() -> string:tokens("", [$\s | x]) end),
    show(fun() -> string:tokens([$a | b], " ") end),
    show(fun() -> string:tokens(abc, " ") end),
    show(fun() -> string:tokens("abc", x) end),
    show(fun() -> string:tokens([$a | b], []) end),
    show(fun() -> string:join(["a", "b", "c"], ", ") end),
    show(fun() -> string:join(["only"], ", ") end),
    show(fun() -> string:join(["only"], not_a_list) end),
    show(fun() -> string:join([], ", ") end),
    show(fun() -> string:join([], x) end),
    show(fun() -> string:join(["a", tail], "-") end),
    show(fun() -> string:join(["a", [$b | c], "d"], "-") end),
    show(fun() -> string:join([[$a | b], "c"], "-") end),
    show(fun() -> string:join(["a", "b"], [$- | x]) end),
    show(fun() -> string:join(not_a_list, "-") end),
    show(fun() -> string:to_upper("hello, wörld! ÿ÷") end),
    show(fun() -> string:to_lower("HELLO, WÖRLD! ×Þ") end),
    show(fun() -> string:to_upper($q) end),
    show(fun() -> string:to_lower(256) end),
    show(fun() -> string:to_upper([$a, b, "c", 1.5]) end),
    show(fun() -> string:to_upper([$a | b]) end),
    show(fun() -> string:to_lower(atom) end),
    show(fun() -> string:to_upper(<<"bin">>) end),
    Words = string:tokens("one two three", " "),
    show(fun() -> string:join([string:to_upper(W) || W <- lists:reverse(Words)], "+") end),
    ok.

show(F) ->
    R = try {ok, F()} catch Class:Reason -> {Class, Reason} end,
    io:format("~w~n", [R]).
