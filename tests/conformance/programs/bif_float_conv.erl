-module(bif_float_conv).
-export([main/0]).

main() ->
    Fs = [0.0, 1.0, -1.5, 3.14159, 0.1, 100.0, 1.0e10, 1.0e-5, 123456.789, 2/3, 1.0e22, 5.0e-324],
    [io:format("~w: ~s | ~s | ~s~n",
               [F, float_to_list(F), float_to_list(F, [short]), float_to_list(F, [{decimals, 3}])]) || F <- Fs],
    io:format("~s~n", [float_to_list(3.14159, [{decimals, 2}])]),
    io:format("~s~n", [float_to_list(3.14159, [{decimals, 0}])]),
    io:format("~s~n", [float_to_list(2.5, [{decimals, 0}])]),
    io:format("~s~n", [float_to_list(1.0, [{decimals, 4}, compact])]),
    io:format("~s~n", [float_to_list(1.25, [{decimals, 4}, compact])]),
    io:format("~s~n", [float_to_list(100.0, [{decimals, 10}, compact])]),
    io:format("~s~n", [float_to_list(3.14159, [{scientific, 3}])]),
    io:format("~s~n", [float_to_list(0.000123, [{scientific, 2}])]),
    io:format("~s~n", [float_to_list(-12345.678, [{scientific, 5}])]),
    io:format("~s~n", [float_to_list(1.0e100, [{scientific, 0}])]),
    io:format("~p~n", [float_to_binary(2.5)]),
    io:format("~p~n", [float_to_binary(2.5, [{decimals, 3}])]),
    io:format("~p~n", [float_to_binary(2.5, [short])]),
    io:format("~p~n", [float_to_binary(1.0e-7, [{scientific, 4}])]),
    io:format("~p~n", [list_to_float("1.5")]),
    io:format("~p~n", [list_to_float("-0.25")]),
    io:format("~p~n", [list_to_float("1.0e3")]),
    io:format("~p~n", [list_to_float("2.5E-2")]),
    io:format("~p~n", [binary_to_float(<<"6.25">>)]),
    io:format("~p~n", [catch_err(fun() -> list_to_float(id("1")) end)]),
    io:format("~p~n", [catch_err(fun() -> list_to_float(id("1.")) end)]),
    io:format("~p~n", [catch_err(fun() -> list_to_float(id(".5")) end)]),
    io:format("~p~n", [catch_err(fun() -> list_to_float(id("1e5")) end)]),
    io:format("~p~n", [float(7)]),
    io:format("~p~n", [float(-3)]),
    io:format("~p~n", [float(1 bsl 60)]),
    io:format("~p~n", [catch_err(fun() -> float(id(1 bsl 1100)) end)]),
    ok.

id(X) -> X.
catch_err(F) -> try F() catch error:R -> {error, R} end.
