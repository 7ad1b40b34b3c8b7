-module(wish_bignum_heavy).
-export([main/0]).

main() ->
    F1000 = fact(1000),
    Digits = integer_to_list(F1000),
    io:format("1000! digits: ~p~n", [length(Digits)]),
    io:format("1000! digit sum: ~p~n", [lists:sum([D - $0 || D <- Digits])]),
    io:format("1000! trailing zeros: ~p~n", [length(Digits) - length(string:trim(Digits, trailing, "0"))]),
    io:format("1000! head: ~s~n", [lists:sublist(Digits, 40)]),
    io:format("1000! base36 head: ~s~n", [lists:sublist(integer_to_list(F1000, 36), 40)]),
    io:format("1000! div 998!: ~p~n", [F1000 div fact(998)]),
    io:format("1000! rem (2^61-1): ~p~n", [F1000 rem ((1 bsl 61) - 1)]),
    io:format("float(2^1023): ~p~n", [float(1 bsl 1023)]),
    io:format("float(2^1024-2^971): ~p~n", [float((1 bsl 1024) - (1 bsl 971))]),
    io:format("float(2^1024-2^970): ~p~n", [try float(id((1 bsl 1024) - (1 bsl 970))) catch error:E0 -> E0 end]),
    io:format("float(2^1024): ~p~n", [try float(id(1 bsl 1024)) catch error:E -> E end]),
    io:format("big / big: ~p~n", [try fact(200) / id(fact(199)) catch error:E1 -> E1 end]),
    io:format("big / big fits: ~p~n", [fact(150) / fact(149)]),
    io:format("big * 0.5: ~p~n", [(1 bsl 1000) * 0.5]),
    io:format("trunc(1.0e300): ~p~n", [trunc(1.0e300)]),
    io:format("bnot huge: ~p~n", [bnot (1 bsl 300) =:= -(1 bsl 300) - 1]),
    io:format("huge shift: ~p~n", [length(integer_to_list(1 bsl 100000))]),
    io:format("mixed band: ~p~n", [((1 bsl 500) - 1) band -(1 bsl 250)]),
    io:format("fib 10000 digits: ~p~n", [length(integer_to_list(fib(10000)))]),
    io:format("pow mod: ~p~n", [powmod(3, 1 bsl 200, (1 bsl 127) - 1)]),
    ok.

id(X) -> X.
fact(0) -> 1;
fact(N) -> N * fact(N - 1).
fib(N) -> fib(N, 0, 1).
fib(0, A, _) -> A;
fib(N, A, B) -> fib(N - 1, B, A + B).
powmod(_, 0, _) -> 1;
powmod(B, E, M) when E band 1 =:= 0 -> H = powmod(B, E bsr 1, M), H * H rem M;
powmod(B, E, M) -> B * powmod(B, E - 1, M) rem M.
