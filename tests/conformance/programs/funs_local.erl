-module(funs_local).
-export([main/0]).

main() ->
    Double = fun(X) -> X * 2 end,
    io:format("double 21: ~p~n", [Double(21)]),
    Add = fun(X, Y) -> X + Y end,
    io:format("add: ~p~n", [Add(3, 4)]),
    Zero = fun() -> zero end,
    io:format("zero arity: ~p~n", [Zero()]),
    Multi = fun(0) -> zero; (N) when N > 0 -> pos; (_) -> neg end,
    io:format("multi clause: ~p~n", [[Multi(X) || X <- [0, 5, -5]]]),
    Tuple = fun({A, B}) -> A + B; ([A | _]) -> A end,
    io:format("pattern fun: ~p ~p~n", [Tuple({1, 2}), Tuple([9, 8])]),
    LocalRef = fun square/1,
    io:format("local ref: ~p~n", [LocalRef(7)]),
    io:format("map with ref: ~p~n", [lists:map(fun square/1, [1, 2, 3])]),
    io:format("is_function: ~p ~p~n", [is_function(Double), is_function(Double, 1)]),
    io:format("arity info: ~p~n", [erlang:fun_info(Add, arity)]),
    io:format("immediate call: ~p~n", [(fun(X) -> X + 100 end)(1)]),
    Compose = fun(F, G) -> fun(X) -> F(G(X)) end end,
    Inc = fun(X) -> X + 1 end,
    io:format("compose: ~p~n", [(Compose(Double, Inc))(5)]),
    io:format("compose2: ~p~n", [(Compose(Inc, Double))(5)]),
    Apply = fun(F, Args) -> apply(F, Args) end,
    io:format("apply fun: ~p~n", [Apply(Add, [10, 20])]),
    io:format("fun in tuple: ~p~n", [call_in({ops, Double})]),
    io:format("fun returning multiple: ~p~n", [(fun() -> {a, b} end)()]),
    Shadow = 10,
    F2 = fun(Shadow2) -> Shadow2 + Shadow end,
    io:format("closure over var: ~p~n", [F2(5)]),
    io:format("funs equal: ~p~n", [fun square/1 =:= fun square/1]),
    io:format("ext funs equal: ~p~n", [fun lists:reverse/1 =:= fun lists:reverse/1]),
    ok.

square(X) -> X * X.

call_in({ops, F}) -> F(50).
