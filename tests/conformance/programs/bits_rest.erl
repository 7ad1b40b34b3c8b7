-module(bits_rest).
-export([main/0]).

main() ->
    <<X:4, Rest/bits>> = <<16#AB, 16#CD>>,
    io:format("X = ~p, Rest = ~p~n", [X, Rest]),
    io:format("rest size: ~p~n", [bit_size(Rest)]),
    <<Y:4, Rest2/bitstring>> = Rest,
    io:format("Y = ~p, Rest2 = ~p~n", [Y, Rest2]),
    io:format("rest is binary: ~p ~p~n", [is_binary(Rest), is_binary(Rest2)]),
    Chunks = chunks(<<1, 2, 3, 4, 5, 6, 7>>, 3),
    io:format("chunks: ~p~n", [Chunks]),
    io:format("bits: ~p~n", [to_bits(<<5:3>>)]),
    io:format("append bits: ~p~n", [<<Rest/bits, 1:1>>]),
    io:format("append to binary: ~p~n", [append_all([<<"a">>, <<"bc">>, <<>>, <<"d">>])]),
    B = <<0:7>>,
    io:format("seven zero bits: ~p~n", [B]),
    io:format("match bitstring literal: ~p~n", [case <<1:1, 1:1>> of <<3:2>> -> yes; _ -> no end]),
    io:format("binary_to_list unaligned: ~p~n", [bitstring_to_list(<<1, 2, 3:3>>)]),
    io:format("list_to_bitstring: ~p~n", [list_to_bitstring([<<1>>, 2, <<3:2>>])]),
    ok.

chunks(Bin, N) when byte_size(Bin) =< N -> [Bin];
chunks(Bin, N) ->
    <<C:N/binary, Rest/binary>> = Bin,
    [C | chunks(Rest, N)].

to_bits(<<>>) -> [];
to_bits(<<B:1, R/bits>>) -> [B | to_bits(R)].

append_all(L) -> lists:foldl(fun(B, Acc) -> <<Acc/binary, B/binary>> end, <<>>, L).
