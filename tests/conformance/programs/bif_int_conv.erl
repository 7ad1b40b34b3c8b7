-module(bif_int_conv).
-export([main/0]).

main() ->
    io:format("~p~n", [integer_to_list(12345)]),
    io:format("~p~n", [integer_to_list(-12345)]),
    io:format("~p~n", [integer_to_list(0)]),
    io:format("~p~n", [integer_to_list(255, 16)]),
    io:format("~p~n", [integer_to_list(255, 2)]),
    io:format("~p~n", [integer_to_list(-255, 16)]),
    io:format("~p~n", [integer_to_list(35, 36)]),
    io:format("~p~n", [integer_to_list(123456789, 36)]),
    io:format("~p~n", [integer_to_list(8, 8)]),
    io:format("~p~n", [list_to_integer("42")]),
    io:format("~p~n", [list_to_integer("-42")]),
    io:format("~p~n", [list_to_integer("+42")]),
    io:format("~p~n", [list_to_integer("007")]),
    io:format("~p~n", [list_to_integer("ff", 16)]),
    io:format("~p~n", [list_to_integer("FF", 16)]),
    io:format("~p~n", [list_to_integer("-1010", 2)]),
    io:format("~p~n", [list_to_integer("zz", 36)]),
    io:format("~p~n", [list_to_integer("123456789012345678901234567890")]),
    io:format("~p~n", [integer_to_binary(987)]),
    io:format("~p~n", [integer_to_binary(-987)]),
    io:format("~p~n", [integer_to_binary(4095, 16)]),
    io:format("~p~n", [binary_to_integer(<<"555">>)]),
    io:format("~p~n", [binary_to_integer(<<"-7f">>, 16)]),
    io:format("~p~n", [binary_to_integer(<<"777">>, 8)]),
    io:format("~p~n", [catch_err(fun() -> list_to_integer(id("12a")) end)]),
    io:format("~p~n", [catch_err(fun() -> list_to_integer(id("")) end)]),
    io:format("~p~n", [catch_err(fun() -> list_to_integer(id("1.5")) end)]),
    io:format("~p~n", [catch_err(fun() -> list_to_integer(id("g"), 16) end)]),
    io:format("~p~n", [catch_err(fun() -> list_to_integer(id(" 1")) end)]),
    io:format("~p~n", [catch_err(fun() -> integer_to_list(id(1.0)) end)]),
    io:format("~p~n", [catch_err(fun() -> integer_to_list(10, id(37)) end)]),
    io:format("~p~n", [catch_err(fun() -> binary_to_integer(id(<<"x">>)) end)]),
    ok.

id(X) -> X.
catch_err(F) -> try F() catch error:R -> {error, R} end.
