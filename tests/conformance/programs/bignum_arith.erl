-module(bignum_arith).
-export([main/0]).

main() ->
    F50 = fact(50),
    io:format("50! = ~p~n", [F50]),
    io:format("100! digits = ~p~n", [length(integer_to_list(fact(100)))]),
    io:format("2 bsl 200 = ~p~n", [2 bsl 200]),
    io:format("2^256 = ~p~n", [pow(2, 256)]),
    io:format("3^100 = ~p~n", [pow(3, 100)]),
    A = 123456789012345678901234567890,
    B = 987654321098765432109876543210,
    io:format("A+B = ~p~n", [A + B]),
    io:format("A-B = ~p~n", [A - B]),
    io:format("A*B = ~p~n", [A * B]),
    io:format("B div A = ~p~n", [B div A]),
    io:format("B rem A = ~p~n", [B rem A]),
    io:format("-B div A = ~p~n", [-B div A]),
    io:format("-B rem A = ~p~n", [-B rem A]),
    io:format("B div -A = ~p~n", [B div -A]),
    io:format("B rem -A = ~p~n", [B rem -A]),
    io:format("F50 div 49! = ~p~n", [F50 div fact(49)]),
    io:format("F50 rem 10^9+7 = ~p~n", [F50 rem 1000000007]),
    io:format("big / small = ~p~n", [F50 / fact(48)]),
    io:format("big / big float = ~p~n", [A / B]),
    io:format("neg big = ~p~n", [-F50]),
    io:format("abs neg big = ~p~n", [abs(-F50) =:= F50]),
    io:format("big - big = 0: ~p~n", [A - A]),
    io:format("shrink to small: ~p~n", [(A + 1) - A]),
    io:format("sum of powers = ~p~n", [lists:sum([pow(2, I) || I <- lists:seq(0, 100)])]),
    io:format("fib 300 = ~p~n", [fib(300)]),
    io:format("gcd = ~p~n", [gcd(fact(30), pow(2, 40) * 3)]),
    io:format("mod pow = ~p~n", [mod_pow(7, 12345, 1000000007)]),
    io:format("float big = ~p~n", [float(pow(10, 30))]),
    io:format("big + float = ~p~n", [pow(10, 20) + 0.5]),
    io:format("big * float = ~p~n", [pow(10, 20) * 1.5]),
    io:format("trunc back = ~p~n", [trunc(1.0e30)]),
    io:format("neg pow odd = ~p~n", [pow(-3, 41)]),
    io:format("boundary 2^59-1, 2^59: ~p ~p~n", [pow(2, 59) - 1, pow(2, 59)]),
    io:format("boundary -2^59: ~p~n", [-pow(2, 59)]),
    io:format("2^63, 2^64: ~p ~p~n", [pow(2, 63), pow(2, 64)]),
    io:format("div by zero: ~p~n", [try A div id(0) catch error:E -> E end]),
    ok.

id(X) -> X.
fact(0) -> 1;
fact(N) -> N * fact(N - 1).
pow(_, 0) -> 1;
pow(B, E) -> B * pow(B, E - 1).
fib(N) -> fib(N, 0, 1).
fib(0, A, _) -> A;
fib(N, A, B) -> fib(N - 1, B, A + B).
gcd(A, 0) -> A;
gcd(A, B) -> gcd(B, A rem B).
mod_pow(_, 0, _) -> 1;
mod_pow(B, E, M) when E rem 2 =:= 0 -> H = mod_pow(B, E div 2, M), H * H rem M;
mod_pow(B, E, M) -> B * mod_pow(B, E - 1, M) rem M.
