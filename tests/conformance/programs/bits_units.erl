-module(bits_units).
-export([main/0]).

main() ->
    io:format("unit 8: ~p~n", [<<1:2/unit:8>>]),
    io:format("unit 1: ~p~n", [<<1:9/unit:1>>]),
    io:format("unit 4: ~p~n", [<<15:3/unit:4>>]),
    <<A:2/unit:8, B/binary>> = <<1, 2, 3>>,
    io:format("match unit: ~p ~p~n", [A, B]),
    <<Chunk:3/binary-unit:8, _/binary>> = <<"abcdef">>,
    io:format("binary unit 8: ~p~n", [Chunk]),
    <<Bits:5/bitstring-unit:1, _/bits>> = <<255>>,
    io:format("bitstring unit 1: ~p~n", [Bits]),
    <<Pairs:2/binary-unit:16, R/binary>> = <<"abcdef">>,
    io:format("binary unit 16: ~p ~p~n", [Pairs, R]),
    N = 3,
    <<V:N/unit:4>> = <<16#ABC:12>>,
    io:format("variable size unit 4: ~p~n", [V]),
    io:format("float unit: ~p~n", [<<1.0:8/float-unit:8>>]),
    ok.
