-module(bignum_conv).
-export([main/0]).

main() ->
    N = fact(30),
    io:format("dec: ~s~n", [integer_to_list(N)]),
    io:format("hex: ~s~n", [integer_to_list(N, 16)]),
    io:format("b36: ~s~n", [integer_to_list(N, 36)]),
    io:format("bin: ~s~n", [integer_to_list(N, 2)]),
    io:format("neg hex: ~s~n", [integer_to_list(-N, 16)]),
    io:format("b36 big: ~s~n", [integer_to_list(1 bsl 128, 36)]),
    io:format("binary: ~p~n", [integer_to_binary(1 bsl 100)]),
    io:format("binary hex: ~p~n", [integer_to_binary(1 bsl 100, 16)]),
    io:format("parse: ~p~n", [list_to_integer("265252859812191058636308480000000") =:= N]),
    io:format("parse hex: ~p~n", [list_to_integer(integer_to_list(N, 16), 16) =:= N]),
    io:format("parse b36: ~p~n", [list_to_integer("ZZZZZZZZZZZZZZZZZZZZ", 36)]),
    io:format("parse neg: ~p~n", [binary_to_integer(<<"-123456789012345678901234567890">>)]),
    io:format("~~w: ~w~n", [N]),
    io:format("~~b: ~b~n", [N]),
    io:format("~~.16B: ~.16B~n", [N]),
    io:format("~~.16b: ~.16b~n", [N]),
    io:format("~~x: ~.16x~n", [N, "0x"]),
    io:format("~~#: ~.16#~n", [N]),
    io:format("float: ~p~n", [float(N)]),
    io:format("to bin: ~p~n", [<<N:128>>]),
    <<Back:128>> = <<N:128>>,
    io:format("back: ~p~n", [Back =:= N]),
    io:format("term_to_binary: ~w~n", [term_to_binary(N)]),
    io:format("term_to_binary neg: ~w~n", [term_to_binary(-N)]),
    ok.

fact(0) -> 1;
fact(K) -> K * fact(K - 1).
