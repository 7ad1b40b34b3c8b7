-module(algo_sieve).
-export([main/0]).

main() ->
    Primes = sieve(lists:seq(2, 500)),
    io:format("count: ~p~n", [length(Primes)]),
    io:format("first 20: ~p~n", [lists:sublist(Primes, 20)]),
    io:format("last 5: ~p~n", [lists:nthtail(length(Primes) - 5, Primes)]),
    io:format("sum: ~p~n", [lists:sum(Primes)]),
    io:format("twin primes: ~p~n", [twins(Primes)]),
    io:format("factorize 360: ~p~n", [factor(360)]),
    io:format("factorize 9999991: ~p~n", [factor(9999991)]),
    io:format("factorize 2^31-1 * 3: ~p~n", [factor(2147483647 * 3)]),
    io:format("goldbach 100: ~p~n", [hd([{P, 100 - P} || P <- Primes, lists:member(100 - P, Primes)])]),
    io:format("tuple sieve count 3000: ~p~n", [tuple_sieve(3000)]),
    ok.

sieve([]) -> [];
sieve([P | T]) -> [P | sieve([X || X <- T, X rem P =/= 0])].

twins([A, B | T]) when B - A =:= 2 -> [{A, B} | twins([B | T])];
twins([_ | T]) -> twins(T);
twins([]) -> [].

factor(N) -> factor(N, 2, []).
factor(1, _, Acc) -> lists:reverse(Acc);
factor(N, D, Acc) when D * D > N -> lists:reverse([N | Acc]);
factor(N, D, Acc) when N rem D =:= 0 -> factor(N div D, D, [D | Acc]);
factor(N, D, Acc) -> factor(N, D + 1, Acc).

tuple_sieve(N) ->
    T0 = erlang:make_tuple(N, true),
    T1 = setelement(1, T0, false),
    T = mark(2, N, T1),
    length([I || I <- lists:seq(1, N), element(I, T)]).

mark(P, N, T) when P * P > N -> T;
mark(P, N, T) ->
    case element(P, T) of
        true -> mark(P + 1, N, cross(P * P, P, N, T));
        false -> mark(P + 1, N, T)
    end.

cross(I, _, N, T) when I > N -> T;
cross(I, P, N, T) -> cross(I + P, P, N, setelement(I, T, false)).
