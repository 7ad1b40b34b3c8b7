-module(float_compare).
-export([main/0]).

main() ->
    io:format("~p~n", [1.0 < 2]),
    io:format("~p~n", [2 > 1.9999999]),
    io:format("~p~n", [0.1 + 0.2 == 0.3]),
    io:format("~p~n", [abs((0.1 + 0.2) - 0.3) < 1.0e-9]),
    io:format("~p~n", [1.0 =:= 1.0]),
    io:format("~p~n", [1.0 == 1]),
    io:format("~p~n", [-0.0 < 0.0]),
    io:format("~p~n", [-0.0 == 0]),
    io:format("~p~n", [lists:sort([3.0, 1, 2.0, 2, 1.0, 3])]),
    io:format("~p~n", [lists:usort([3.0, 1, 2.0, 2, 1.0, 3])]),
    io:format("~p~n", [lists:max([1, 1.0])]),
    io:format("~p~n", [lists:min([1.0, 1])]),
    io:format("~p~n", [max(1, 1.0)]),
    io:format("~p~n", [min(1.0, 1)]),
    io:format("~p~n", [1.0e308 < 1 bsl 1024]),
    io:format("~p~n", [[X || X <- [1, 1.0, 2, 2.5], X == 1]]),
    io:format("~p~n", [[X || X <- [1, 1.0, 2, 2.5], X =:= 1]]),
    io:format("~p~n", [case id(1.0) of 1 -> int_clause; 1.0 -> float_clause end]),
    io:format("~p~n", [case id(0.0) of -0.0 -> neg_zero_clause; 0.0 -> zero_clause end]),
    ok.
id(X) -> X.
