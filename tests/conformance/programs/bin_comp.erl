-module(bin_comp).
-export([main/0]).

main() ->
    io:format("~p~n", [<< <<X>> || X <- [1, 2, 3] >>]),
    io:format("~p~n", [<< <<(X * 2)>> || <<X>> <= <<1, 2, 3>> >>]),
    io:format("~p~n", [[X || <<X:4>> <= <<16#AB, 16#CD>>]]),
    io:format("~p~n", [<< <<X:4>> || X <- [1, 2, 3, 4] >>]),
    io:format("~p~n", [<< <<X:3>> || X <- [1, 2, 3] >>]),
    io:format("~p~n", [<< <<C>> || <<C>> <= <<"hello">>, C =/= $l >>]),
    io:format("~p~n", [<< <<(C - 32)>> || <<C>> <= <<"shout">> >>]),
    io:format("~p~n", [[{A, B} || <<A:8, B:8>> <= <<1, 2, 3, 4, 5>>]]),
    io:format("~p~n", [<< <<B/binary, ",">> || B <- [<<"a">>, <<"bc">>, <<"def">>] >>]),
    io:format("~p~n", [<< <<X:16/little>> || X <- [1, 256, 65535] >>]),
    io:format("~p~n", [[X || <<X:16/big>> <= <<0, 1, 1, 0, 255, 255>>]]),
    io:format("~p~n", [<< <<Bit:1>> || Bit <- [1, 0, 1, 0, 1, 0, 1, 0] >>]),
    io:format("~p~n", [[Bit || <<Bit:1>> <= <<2#10110000>>]]),
    io:format("~p~n", [<< <<X, Y>> || X <- [1, 2], Y <- [3, 4] >>]),
    io:format("~p~n", [<< <<X>> || <<X>> <= <<1, 2, 3, 4, 5, 6>>, X rem 2 =:= 0 >>]),
    io:format("~p~n", [hex(<<"Erlang">>)]),
    io:format("~p~n", [<< <<>> || _ <- [1, 2, 3] >>]),
    io:format("~p~n", [[S || <<S:2/binary>> <= <<"aabbccd">>]]),
    io:format("~p~n", [<< <<(byte_size(W)):8, W/binary>> || W <- [<<"hi">>, <<"there">>] >>]),
    ok.

hex(Bin) -> << <<(digit(N))>> || <<N:4>> <= Bin >>.
digit(N) when N < 10 -> $0 + N;
digit(N) -> $a + N - 10.
