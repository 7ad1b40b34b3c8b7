-module(lists_comp).
-export([main/0]).

main() ->
    L = lists:seq(1, 10),
    io:format("squares: ~p~n", [[X * X || X <- L]]),
    io:format("evens: ~p~n", [[X || X <- L, X rem 2 =:= 0]]),
    io:format("two filters: ~p~n", [[X || X <- L, X > 3, X < 8]]),
    io:format("pairs: ~p~n", [[{X, Y} || X <- [1, 2, 3], Y <- [a, b]]]),
    io:format("dependent: ~p~n", [[{X, Y} || X <- [1, 2, 3], Y <- lists:seq(1, X)]]),
    io:format("triples: ~p~n", [[{A, B, C} || C <- lists:seq(1, 20), B <- lists:seq(1, C), A <- lists:seq(1, B), A * A + B * B =:= C * C]]),
    io:format("pattern gen: ~p~n", [[V || {ok, V} <- [{ok, 1}, {error, x}, {ok, 2}, bad]]]),
    io:format("tuple pattern: ~p~n", [[K || {K, true} <- [{a, true}, {b, false}, {c, true}]]]),
    io:format("nested comp: ~p~n", [[[Y * X || Y <- [1, 2, 3]] || X <- [1, 10]]]),
    io:format("string comp: ~p~n", [[C - 32 || C <- "hello", C =/= $l]]),
    io:format("from binary gen: ~p~n", [[B || <<B>> <= <<1, 2, 3>>]]),
    io:format("empty: ~p~n", [[X || X <- [], X > 0]]),
    io:format("no generators? ~p~n", [[x || true]]),
    io:format("only filter false: ~p~n", [[x || false]]),
    io:format("guard call filter: ~p~n", [[X || X <- [1, a, 2.0, "s", b], is_atom(X)]]),
    io:format("non-bool filter skip: ~p~n", [catch_it(fun() -> [X || X <- [1, 2], X] end)]),
    io:format("qsort: ~p~n", [qsort([5, 3, 8, 1, 9, 2, 7, 5])]),
    io:format("perms: ~p~n", [perms([a, b, c])]),
    io:format("bound var filter: ~p~n", [begin Y = 2, [X || {X, Z} <- [{a, 1}, {b, 2}, {c, 2}], Z =:= Y] end]),
    io:format("shadow in generator: ~p~n", [begin X = 100, [X || X <- [1, 2]] end]),
    io:format("var then: ~p~n", [[{I, J} || I <- [1, 2, 3], J <- [I * 10], J > 10]]),
    io:format("primes: ~p~n", [[N || N <- lists:seq(2, 60), is_prime(N)]]),
    io:format("char count: ~p~n", [[{C, length([X || X <- "mississippi", X =:= C])} || C <- "misp"]]),
    ok.

catch_it(F) -> try F() catch C:R -> {C, R} end.

qsort([]) -> [];
qsort([P | T]) -> qsort([X || X <- T, X < P]) ++ [P] ++ qsort([X || X <- T, X >= P]).

perms([]) -> [[]];
perms(L) -> [[H | T] || H <- L, T <- perms(L -- [H])].

is_prime(N) -> [D || D <- lists:seq(2, N - 1), N rem D =:= 0] =:= [].
