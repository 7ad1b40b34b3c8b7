-module(bits_heads).
-export([main/0]).

main() ->
    Packets = [<<1, 0, 5, "hello">>, <<2, 16#1234:16>>, <<3>>, <<4, 1:1, 0:7>>, <<>>, <<9, 9, 9>>],
    [io:format("~p~n", [decode(P)]) || P <- Packets],
    io:format("~p~n", [split_lines(<<"one\ntwo\nthree">>)]),
    io:format("~p~n", [count_ones(<<2#10110111, 2#00000001>>, 0)]),
    io:format("~p~n", [ipv4(<<192, 168, 1, 42>>)]),
    io:format("~p~n", [tlvs(<<1, 2, "ab", 2, 0, 3, 1, "x">>)]),
    io:format("~p~n", [reverse_bits(<<2#11010000:8>>)]),
    io:format("~p~n", [int_list(<<1, 2, 3, 4, 5, 6>>)]),
    ok.

decode(<<1, Len:16, Payload:Len/binary>>) -> {text, Payload};
decode(<<2, N:16>>) -> {number, N};
decode(<<3>>) -> ping;
decode(<<4, Flag:1, _:7>>) -> {flag, Flag =:= 1};
decode(<<>>) -> empty;
decode(<<Type, _/binary>>) -> {unknown, Type}.

split_lines(Bin) -> split_lines(Bin, <<>>, []).
split_lines(<<>>, Cur, Acc) -> lists:reverse([Cur | Acc]);
split_lines(<<"\n", Rest/binary>>, Cur, Acc) -> split_lines(Rest, <<>>, [Cur | Acc]);
split_lines(<<C, Rest/binary>>, Cur, Acc) -> split_lines(Rest, <<Cur/binary, C>>, Acc).

count_ones(<<>>, N) -> N;
count_ones(<<1:1, Rest/bits>>, N) -> count_ones(Rest, N + 1);
count_ones(<<0:1, Rest/bits>>, N) -> count_ones(Rest, N).

ipv4(<<A, B, C, D>>) -> lists:flatten(io_lib:format("~b.~b.~b.~b", [A, B, C, D])).

tlvs(<<>>) -> [];
tlvs(<<T, L, V:L/binary, Rest/binary>>) -> [{T, V} | tlvs(Rest)].

reverse_bits(<<>>) -> <<>>;
reverse_bits(<<B:1, Rest/bits>>) -> R = reverse_bits(Rest), <<R/bits, B:1>>.

int_list(<<>>) -> [];
int_list(<<X:16, Rest/binary>>) -> [X | int_list(Rest)].
