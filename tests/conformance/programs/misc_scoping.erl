-module(misc_scoping).
-export([main/0]).

main() ->
    X = 1,
    F = fun(X1) -> X1 + X end,
    io:format("fun param shadows outer name safely: ~p~n", [F(10)]),
    Y = case X of
            1 -> Z = 100, Z + 1;
            _ -> Z = 200, Z + 2
        end,
    io:format("case exports var: ~p ~p~n", [Y, Z]),
    if X > 0 -> W = positive; true -> W = other end,
    io:format("if exports var: ~p~n", [W]),
    Result = begin
                 A = 5,
                 B = A * 2,
                 A + B
             end,
    io:format("begin block: ~p ~p ~p~n", [Result, A, B]),
    Acc = lists:foldl(fun(E, Sum) -> Sum + E end, 0, [1, 2, 3]),
    io:format("fold: ~p~n", [Acc]),
    G = fun() -> H = 42, H end,
    io:format("fun-local var: ~p~n", [G()]),
    L = [begin T = I * I, T + 1 end || I <- [1, 2, 3]],
    io:format("comprehension with begin: ~p~n", [L]),
    {P, Q} = try {1, 2} catch _:_ -> {0, 0} end,
    io:format("try result bound: ~p ~p~n", [P, Q]),
    R = try V = 7, V * 2 catch _:_ -> 0 end,
    io:format("try body var: ~p~n", [R]),
    Counter = fun Loop(0, Acc2) -> Acc2; Loop(N, Acc2) -> Loop(N - 1, [N | Acc2]) end,
    io:format("named fun: ~p~n", [Counter(5, [])]),
    Nested = fun(M) -> fun(N) -> fun(O) -> {M, N, O, X} end end end,
    io:format("nested closures: ~p~n", [((Nested(a))(b))(c)]),
    io:format("sequence value: ~p~n", [seq()]),
    ok.

seq() ->
    first,
    second,
    last_value.
