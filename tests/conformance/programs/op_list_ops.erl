-module(op_list_ops).
-export([main/0]).

main() ->
    io:format("~p~n", [[1, 2] ++ [3, 4]]),
    io:format("~p~n", [[] ++ [a]]),
    io:format("~p~n", [[a] ++ []]),
    io:format("~p~n", [[a] ++ b]),
    io:format("~p~n", ["abc" ++ "def"]),
    io:format("~p~n", [[1, 2, 3, 2, 1] -- [2, 1]]),
    io:format("~p~n", [[1, 2, 3] -- [4]]),
    io:format("~p~n", [[a, b, a, b] -- [a, a, a]]),
    io:format("~p~n", ["hello world" -- "lo"]),
    io:format("~p~n", [[1, 1.0, 1] -- [1.0]]),
    io:format("~p~n", [[[1], [2]] -- [[1]]]),
    io:format("~p~n", [[1 | [2 | [3 | []]]]]),
    io:format("~p~n", [[1, 2 | [3]]]),
    io:format("~p~n", [[1 | 2]]),
    io:format("~p~n", [[[] | []]]),
    io:format("~p~n", [length([a, b, c])]),
    io:format("~p~n", [hd([x, y])]),
    io:format("~p~n", [tl([x, y])]),
    io:format("~p~n", [tl([x])]),
    io:format("~p~n", [catch_err(fun() -> hd(id([])) end)]),
    io:format("~p~n", [catch_err(fun() -> id(a) ++ [1] end)]),
    io:format("~p~n", [catch_err(fun() -> [1 | id(2)] -- [1] end)]),
    io:format("~p~n", [catch_err(fun() -> length(id([1 | 2])) end)]),
    L = lists:seq(1, 10),
    io:format("~p~n", [L -- lists:seq(2, 10, 2)]),
    io:format("~p~n", [lists:reverse(L) ++ L]),
    ok.

id(X) -> X.
catch_err(F) -> try F() catch error:R -> {error, R} end.
