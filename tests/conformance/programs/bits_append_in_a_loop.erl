%% Appending to a binary in a loop, and the binaries appended to staying as they were
%% wherever something else still holds them.
-module(bits_append_in_a_loop).
-export([main/0]).

main() ->
    Big = build(100000, <<>>),
    io:format("~p bytes, sum ~p, last ~p~n", [byte_size(Big), sum(Big, 0), binary:last(Big)]),
    io:format("~w~n", [words(5, <<"x">>)]),
    A = <<1, 2, 3>>,
    B = <<A/binary, 4>>,
    C = <<B/binary, 5>>,
    D = <<B/binary, 6>>,
    E = <<D/binary, 7, 8>>,
    io:format("~w ~w ~w ~w ~w~n", [A, B, C, D, E]),
    <<_:8, Rest/binary>> = E,
    F = <<Rest/binary, 9>>,
    io:format("~w ~w~n", [E, F]),
    <<Pre:2/binary, _/binary>> = F,
    G = <<F/binary, 10>>,
    io:format("~w ~w ~w~n", [Pre, F, G]),
    Bits = bits(10, <<>>),
    io:format("~w ~p~n", [Bits, bit_size(Bits)]),
    io:format("~w~n", [<<Bits/bitstring, 1:1, 2:7>>]),
    io:format("~w~n", [ints(<<>>)]),
    io:format("~p~n", [try <<Big/binary, (list_to_atom("x"))>> catch error:badarg -> badarg end]),
    io:format("~p~n", [byte_size(Big)]).

build(0, Acc) -> Acc;
build(N, Acc) -> build(N - 1, <<Acc/binary, (N rem 251)>>).

sum(<<X, Rest/binary>>, S) -> sum(Rest, S + X);
sum(<<>>, S) -> S.

words(0, Acc) -> Acc;
words(N, Acc) -> words(N - 1, <<Acc/binary, "-", (integer_to_binary(N))/binary>>).

bits(0, Acc) -> Acc;
bits(N, Acc) -> bits(N - 1, <<Acc/bitstring, (N band 1):1>>).

ints(Acc) ->
    <<Acc/binary, -1:16, 258:16/little, -2:24/little, 300:8, 5:3, 1:5, 16#0102030405060708:64/little,
      -1:64, 1:40/little, -3:12/little, 4:4>>.
