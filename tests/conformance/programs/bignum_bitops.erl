-module(bignum_bitops).
-export([main/0]).

main() ->
    X = (1 bsl 100) + 16#DEADBEEF,
    Y = (1 bsl 90) - 1,
    io:format("X = ~p~n", [X]),
    io:format("Y = ~p~n", [Y]),
    io:format("band = ~p~n", [X band Y]),
    io:format("bor = ~p~n", [X bor Y]),
    io:format("bxor = ~p~n", [X bxor Y]),
    io:format("bnot X = ~p~n", [bnot X]),
    io:format("neg band = ~p~n", [(-X) band Y]),
    io:format("neg bor = ~p~n", [(-X) bor 255]),
    io:format("neg bxor = ~p~n", [(-X) bxor Y]),
    io:format("both neg band = ~p~n", [(-X) band (-Y)]),
    io:format("both neg bor = ~p~n", [(-X) bor (-Y)]),
    io:format("X bsr 50 = ~p~n", [X bsr 50]),
    io:format("X bsr 200 = ~p~n", [X bsr 200]),
    io:format("-X bsr 200 = ~p~n", [(-X) bsr 200]),
    io:format("-X bsr 10 = ~p~n", [(-X) bsr 10]),
    io:format("X bsl 37 = ~p~n", [X bsl 37]),
    io:format("small bsl 100 = ~p~n", [5 bsl 100]),
    io:format("hex X = ~s~n", [integer_to_list(X, 16)]),
    io:format("hex -X = ~s~n", [integer_to_list(-X, 16)]),
    io:format("bits of X = ~p~n", [bits(X, 0)]),
    io:format("mask low 32 = ~p~n", [X band 16#FFFFFFFF]),
    io:format("band to small: ~p~n", [(1 bsl 70 + 3) band 1]),
    ok.

bits(0, N) -> N;
bits(X, N) -> bits(X bsr 1, N + 1).
