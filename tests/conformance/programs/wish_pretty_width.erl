-module(wish_pretty_width).
-export([main/0]).

%% Line breaking decisions of the pretty printer in awkward spots.
main() ->
    L = lists:seq(1, 26),
    [io:format("~s~p~n", [lists:duplicate(N, $>), L]) || N <- [0, 10, 40, 70, 79]],
    io:format("~p~n", [{'a very long atom that needs quoting because of spaces', [1, 2, 3], "and a string"}]),
    io:format("~p~n", [[{'Quoted', "x"}, {'another quoted atom', "y"} | improper]]),
    io:format("~p~n", [{lists:seq(1, 10), {lists:seq(11, 20), {lists:seq(21, 30), {lists:seq(31, 40)}}}}]),
    io:format("~p~n", [#{[1, 2, 3] => {a, b}, {long_key_tuple, with_many, elements, inside} => "a long value string here"}]),
    io:format("~p~n", [[<<"binary one">>, <<"binary two">>, <<"binary three">>, <<"binary four">>, <<"binary five">>]]),
    io:format("~p~n", [["string\twith\ttabs", "string\nwith\nnewlines", "quotes \"here\" and \\ there"]]),
    io:format("~p~n", [{1.0e-10, 1.0e100, -3.5, 100000000000000000000000000000, -99999999999999999999999}]),
    io:format("~p~n", [lists:duplicate(8, "abcdefghij")]),
    io:format("~p~n", [{lists:duplicate(70, $x)}]),
    io:format("~p~n", [{lists:duplicate(80, $x)}]),
    io:format("~p~n", [[lists:duplicate(78, $y)]]),
    io:format("~p~n", [[[a | b], [c, d | e], [[f] | g]]]),
    io:format("~60p~n", [lists:seq(1, 40)]),
    io:format("~20p~n", [{a, b, c, d, e, f, g, h, i, j, k}]),
    io:format("~1p~n", [[1, [2, 3]]]),
    ok.
