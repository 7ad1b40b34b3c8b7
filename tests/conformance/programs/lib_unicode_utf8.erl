-module(lib_unicode_utf8).
-export([main/0]).

%% unicode:characters_to_list/1,2 and characters_to_binary/1,2 with the encodings the
%% runtime converts itself (latin1, unicode, utf8): chardata of every shape, and the exact
%% {error, Converted, Rest} and {incomplete, Converted, Rest} results for bad input.
main() ->
    Inputs = [
        "abc", <<"abc">>, [], <<>>, [[]], [<<>>], [[], <<>>, [[]]],
        "h\x{e9}llo", <<"h\303\251llo"/utf8>>, [16#20AC, 16#1F600], <<16#1F600/utf8>>,
        ["ab", <<"cd">>, [$e, [$f, <<"g">>]] | <<"h">>],
        [$a | <<"b">>], [[$a | <<"b">>] | <<"c">>],
        [<<"ab">>], [<<"a", 255>>], [<<"a">>, <<255>>],
        <<"abc", 255, "def">>, "abc" ++ [-1], "abc" ++ [16#110000], [16#D800], [$a, 16#DFFF, $b],
        [$a, [$b, [$c, -1, $d], $e], $f],
        [$a, [$b, [$c, <<"d", 255, "e">>, $f], $g], $h],
        [[[[<<255>>]]]], [[[[<<255>>], 1]]], [[1, [2, [3, -5]]]],
        [<<"x">> | <<"y", 255>>], [[$a | <<255>>], $b],
        <<16#E2, 16#82>>, <<"ab", 16#E2, 16#82>>, <<"ab", 16#E2>>, <<16#F0, 16#9F, 16#98>>,
        [<<"a", 16#E2>>, <<16#82, 16#AC, "b">>], [<<16#E2>>, <<16#82>>, <<16#AC>>],
        [<<16#E2>>, [<<16#82>>], [[<<16#AC>>]]], [<<16#E2>>, $x], [<<16#E2, 16#82>>, [$x]],
        [<<16#E2>>, <<16#41>>], [<<16#E2>>, <<16#82, 16#41>>], [<<"a">>, <<16#E2, 16#82>>],
        [$a, <<16#E2, 16#82>>], [[<<16#E2, 16#82>>]], [<<16#F0>>, <<16#9F>>, <<16#98>>],
        <<16#C0, 16#80>>, <<16#C1, 16#BF>>, <<16#E0, 16#80, 16#80>>, <<16#ED, 16#A0, 16#80>>,
        <<16#F4, 16#90, 16#80, 16#80>>, <<16#F5, 16#80, 16#80, 16#80>>, <<16#F8>>, <<16#80>>,
        <<16#BF, "a">>, <<16#C0>>, <<16#C2>>, <<16#E2, 16#41>>, <<16#E2, 16#28, 16#A1>>,
        <<16#F0, 16#28>>, <<16#F0, 16#90, 16#28>>, <<16#F5, 16#80>>, <<16#FF, 16#FE>>,
        <<"a", 16#ED, 16#9F, 16#BF, "b">>, <<16#EF, 16#BF, 16#BF>>, <<16#F4, 16#8F, 16#BF, 16#BF>>,
        <<1:1>>, <<"ab", 1:3>>,
        [255, 256], [<<200>>, 200], <<200, 201>>
    ],
    lists:foreach(fun(I) -> each(I) end, Inputs),
    Big = lists:seq(1, 3000),
    p(unicode:characters_to_list(Big) =:= Big),
    p(unicode:characters_to_binary(Big) =:= <<<<C/utf8>> || C <- Big>>),
    p(unicode:characters_to_list(<<<<C/utf8>> || C <- Big>>) =:= Big),
    p(unicode:characters_to_binary(Big ++ [-1], utf8)),
    ok.

each(I) ->
    p({input, I}),
    p(t(fun() -> unicode:characters_to_list(I) end)),
    p(t(fun() -> unicode:characters_to_list(I, unicode) end)),
    p(t(fun() -> unicode:characters_to_list(I, latin1) end)),
    p(t(fun() -> unicode:characters_to_binary(I) end)),
    p(t(fun() -> unicode:characters_to_binary(I, utf8) end)),
    p(t(fun() -> unicode:characters_to_binary(I, latin1) end)),
    p(t(fun() -> unicode:characters_to_binary(I, utf8, utf8) end)),
    p(t(fun() -> unicode:characters_to_binary(I, latin1, utf8) end)).

t(F) ->
    try F() catch error:R -> {caught, R} end.

p(X) -> io:format("~w~n", [X]).
