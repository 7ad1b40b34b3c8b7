-module(funs_closures).
-export([main/0]).

main() ->
    Adders = [make_adder(N) || N <- [1, 10, 100]],
    io:format("adders: ~p~n", [[A(5) || A <- Adders]]),
    Counter = make_counter(0),
    {V1, C1} = Counter(),
    {V2, C2} = C1(),
    {V3, _} = C2(),
    io:format("counter: ~p ~p ~p~n", [V1, V2, V3]),
    X = 5,
    F = fun() -> X * 2 end,
    io:format("captured: ~p~n", [F()]),
    Fs = [fun() -> I * I end || I <- lists:seq(1, 5)],
    io:format("list of closures: ~p~n", [[G() || G <- Fs]]),
    Curry = fun(A) -> fun(B) -> fun(C) -> A + B * C end end end,
    io:format("curried: ~p~n", [((Curry(1))(2))(3)]),
    Acc = lists:foldl(fun(E, Fun) -> fun(Y) -> Fun(Y) + E end end, fun(Y) -> Y end, [1, 2, 3]),
    io:format("folded closures: ~p~n", [Acc(100)]),
    Tuple = {a, [1, 2], "str"},
    G2 = fun() -> Tuple end,
    io:format("captured structure: ~p~n", [G2()]),
    Memo = memo_fib(30),
    io:format("memo fib 30: ~p~n", [Memo]),
    Pipeline = pipeline([fun(V) -> V + 1 end, fun(V) -> V * 3 end, fun(V) -> V - 2 end]),
    io:format("pipeline: ~p~n", [Pipeline(4)]),
    io:format("partial: ~p~n", [(partial(fun erlang:'+'/2, 7))(8)]),
    io:format("shadow in fun head: ~p~n", [shadow(1)]),
    ok.

make_adder(N) -> fun(X) -> X + N end.

make_counter(N) -> fun() -> {N, make_counter(N + 1)} end.

memo_fib(N) ->
    {V, _} = fib(N, #{0 => 0, 1 => 1}),
    V.
fib(N, Memo) ->
    case Memo of
        #{N := V} -> {V, Memo};
        _ ->
            {A, M1} = fib(N - 1, Memo),
            {B, M2} = fib(N - 2, M1),
            {A + B, M2#{N => A + B}}
    end.

pipeline(Fs) -> fun(X) -> lists:foldl(fun(F, Acc) -> F(Acc) end, X, Fs) end.

partial(F, A) -> fun(B) -> F(A, B) end.

shadow(X) ->
    F = fun(Y) -> X + Y end,
    F(10).
