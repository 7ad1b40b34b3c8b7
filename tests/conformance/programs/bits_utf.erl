-module(bits_utf).
-export([main/0]).

main() ->
    Chars = [$A, 16#E9, 16#3B1, 16#263A, 16#1F600, 16#10FFFF],
    [io:format("~.16B: utf8 ~w utf16 ~w utf32 ~w~n",
               [C, <<C/utf8>>, <<C/utf16>>, <<C/utf32>>]) || C <- Chars],
    Bin = <<"h", 16#E9/utf8, "llo ", 16#263A/utf8>>,
    io:format("bin: ~w~n", [Bin]),
    io:format("decoded: ~w~n", [decode(Bin)]),
    <<C1/utf8, C2/utf8, _/binary>> = <<16#1F600/utf8, $x/utf8, "rest">>,
    io:format("match utf8: ~.16B ~p~n", [C1, C2]),
    <<D1/utf16, D2/utf16>> = <<16#1F600/utf16, $z/utf16>>,
    io:format("match utf16: ~.16B ~p~n", [D1, D2]),
    <<E1/utf32>> = <<16#263A/utf32>>,
    io:format("match utf32: ~.16B~n", [E1]),
    io:format("invalid utf8: ~p~n", [case <<255, 0>> of <<X/utf8, _/binary>> -> X; _ -> no_match end]),
    io:format("surrogate: ~p~n", [try <<(id(16#D800))/utf8>> catch error:E -> E end]),
    io:format("too big: ~p~n", [try <<(id(16#110000))/utf8>> catch error:E2 -> E2 end]),
    io:format("string utf8: ~w~n", [<<"é"/utf8>>]),
    io:format("string utf16: ~w~n", [<<"ab"/utf16>>]),
    io:format("string utf32: ~w~n", [<<"a"/utf32>>]),
    io:format("count: ~p~n", [length(decode(<<"añb☺"/utf8>>))]),
    ok.

id(X) -> X.

decode(<<>>) -> [];
decode(<<C/utf8, Rest/binary>>) -> [C | decode(Rest)].
