-module(funs_named).
-export([main/0]).

main() ->
    Fact = fun F(0) -> 1; F(N) -> N * F(N - 1) end,
    io:format("fact 10: ~p~n", [Fact(10)]),
    io:format("fact 25: ~p~n", [Fact(25)]),
    Fib = fun Fib(0) -> 0; Fib(1) -> 1; Fib(N) -> Fib(N - 1) + Fib(N - 2) end,
    io:format("fib: ~p~n", [[Fib(N) || N <- lists:seq(0, 15)]]),
    Len = fun L([]) -> 0; L([_ | T]) -> 1 + L(T) end,
    io:format("len: ~p~n", [Len([a, b, c, d])]),
    Count = fun Loop(N, Acc) when N > 0 -> Loop(N - 1, Acc + N); Loop(_, Acc) -> Acc end,
    io:format("tail loop sum 100000: ~p~n", [Count(100000, 0)]),
    Base = 3,
    Pow = fun P(0) -> 1; P(E) -> Base * P(E - 1) end,
    io:format("3^10: ~p~n", [Pow(10)]),
    Flatten = fun Fl([]) -> []; Fl([H | T]) when is_list(H) -> Fl(H) ++ Fl(T); Fl([H | T]) -> [H | Fl(T)] end,
    io:format("flatten: ~p~n", [Flatten([1, [2, [3, [4]], 5], [[6]]])]),
    Self = fun Me(get) -> Me; Me(X) -> X end,
    io:format("self ref works: ~p~n", [(Self(get))(ok)]),
    Ack = fun A(0, N) -> N + 1; A(M, 0) -> A(M - 1, 1); A(M, N) -> A(M - 1, A(M, N - 1)) end,
    io:format("ackermann(2,3): ~p~n", [Ack(2, 3)]),
    ok.
