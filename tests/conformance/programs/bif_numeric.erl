-module(bif_numeric).
-export([main/0]).

main() ->
    Vals = [0, 2.5, -2.5, 3.5, -3.5, 2.4, -2.6, 7, -7, 0.5, -0.5, 1.0e20, 99.99],
    io:format("~-8s ~-6s ~-6s ~-6s ~-6s ~-6s~n", ["x", "trunc", "round", "floor", "ceil", "abs"]),
    [io:format("~-8w ~-6w ~-6w ~-6w ~-6w ~-6w~n",
               [V, trunc(V), round(V), floor(V), ceil(V), abs(V)]) || V <- Vals],
    io:format("abs big: ~p~n", [abs(-100000000000000000000)]),
    io:format("abs -0.0: ~p~n", [abs(-0.0)]),
    io:format("min: ~p ~p ~p~n", [min(1, 2), min(2.0, 1), min(1, 1.0)]),
    io:format("max: ~p ~p ~p~n", [max(1, 2), max(2.0, 1), max(1, 1.0)]),
    io:format("max atoms: ~p~n", [max(abc, abd)]),
    io:format("trunc big float: ~p~n", [trunc(1.0e25)]),
    io:format("round big float: ~p~n", [round(-1.5e20)]),
    io:format("float: ~p~n", [float(10)]),
    io:format("is_number: ~p~n", [[is_number(X) || X <- [1, 1.0, a]]]),
    io:format("math sqrt: ~p~n", [math:sqrt(16)]),
    io:format("math pow: ~p~n", [math:pow(2, 10)]),
    io:format("math pi: ~p~n", [math:pi()]),
    io:format("trunc atom: ~p~n", [try trunc(id(a)) catch error:E -> E end]),
    io:format("abs list: ~p~n", [try abs(id([])) catch error:E2 -> E2 end]),
    ok.

id(X) -> X.
