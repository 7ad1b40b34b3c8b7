-module(bif_list_bin).
-export([main/0]).

main() ->
    io:format("~p~n", [binary_to_list(<<"hello">>)]),
    io:format("~p~n", [binary_to_list(<<1, 2, 3>>)]),
    io:format("~p~n", [binary_to_list(<<"abcdef">>, 2, 4)]),
    io:format("~p~n", [list_to_binary("hello")]),
    io:format("~p~n", [list_to_binary([1, 2, 3])]),
    io:format("~p~n", [list_to_binary(["ab", $c, <<"de">>, [[$f]], []])]),
    io:format("~p~n", [list_to_binary([])]),
    io:format("~p~n", [iolist_to_binary(["a", [<<"b">>, [$c | <<"d">>]]])]),
    io:format("~p~n", [iolist_to_binary(<<"already">>)]),
    io:format("~p~n", [iolist_size(["ab", [$c, <<"def">>]])]),
    io:format("~p~n", [iolist_size(<<1, 2>>)]),
    io:format("~p~n", [catch_err(fun() -> list_to_binary(id([256])) end)]),
    io:format("~p~n", [catch_err(fun() -> list_to_binary(id([-1])) end)]),
    io:format("~p~n", [catch_err(fun() -> list_to_binary(id([a])) end)]),
    io:format("~p~n", [catch_err(fun() -> iolist_to_binary(id(atom)) end)]),
    io:format("~p~n", [catch_err(fun() -> binary_to_list(id("notbin")) end)]),
    io:format("~p~n", [split_binary(<<"abcdef">>, 2)]),
    io:format("~p~n", [split_binary(<<"abc">>, 0)]),
    io:format("~p~n", [split_binary(<<"abc">>, 3)]),
    io:format("~p~n", [catch_err(fun() -> split_binary(<<"abc">>, id(4)) end)]),
    io:format("~p~n", [binary_part(<<"abcdef">>, 1, 3)]),
    io:format("~p~n", [binary_part(<<"abcdef">>, {2, 2})]),
    io:format("~p~n", [binary_part(<<"abcdef">>, 6, -2)]),
    io:format("~p~n", [binary_part(<<"abcdef">>, 0, 0)]),
    io:format("~p~n", [catch_err(fun() -> binary_part(<<"abc">>, 2, id(5)) end)]),
    io:format("~p~n", [tuple_to_list({a, b, c})]),
    io:format("~p~n", [list_to_tuple([1, 2, 3])]),
    io:format("~p~n", [list_to_tuple([])]),
    io:format("~p~n", [tuple_to_list({})]),
    io:format("~p~n", [bitstring_to_list(<<1, 2:4>>)]),
    ok.

id(X) -> X.
catch_err(F) -> try F() catch error:R -> {error, R} end.
