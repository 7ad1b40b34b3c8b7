-module(bif_atom_conv).
-export([main/0]).

main() ->
    io:format("~p~n", [atom_to_list(hello)]),
    io:format("~p~n", [atom_to_list('Hello World')]),
    io:format("~p~n", [atom_to_list('')]),
    io:format("~p~n", [list_to_atom("abc")]),
    io:format("~p~n", [list_to_atom("with space")]),
    io:format("~p~n", [list_to_atom("")]),
    io:format("~p~n", [list_to_atom("UPPER")]),
    io:format("~p~n", [list_to_atom("123")]),
    io:format("~p~n", [atom_to_binary(hello)]),
    io:format("~p~n", [atom_to_binary(hello, utf8)]),
    io:format("~p~n", [atom_to_binary(hello, latin1)]),
    io:format("~p~n", [binary_to_atom(<<"from_bin">>)]),
    io:format("~p~n", [binary_to_atom(<<"from_bin">>, utf8)]),
    io:format("~p~n", [list_to_existing_atom("error")]),
    io:format("~p~n", [binary_to_existing_atom(<<"undefined">>, utf8)]),
    io:format("~p~n", [catch_err(fun() -> list_to_existing_atom(id("surely_not_an_existing_atom_xyzzy")) end)]),
    io:format("~p~n", [catch_err(fun() -> atom_to_list(id("str")) end)]),
    io:format("~p~n", [catch_err(fun() -> list_to_atom(id(notalist)) end)]),
    io:format("~p~n", [catch_err(fun() -> list_to_atom(id([a])) end)]),
    io:format("~p~n", [list_to_atom(atom_to_list(round_trip)) =:= round_trip]),
    io:format("~p~n", [atom_to_list(true) ++ atom_to_list(false)]),
    io:format("~p~n", [length(atom_to_list(abcdefghij))]),
    io:format("~p~n", [atom_to_binary('é')]),
    io:format("~p~n", [atom_to_list('é')]),
    io:format("~p~n", [catch_err(fun() -> list_to_atom(lists:duplicate(id(256), $a)) end)]),
    io:format("~p~n", [length(atom_to_list(list_to_atom(lists:duplicate(255, $b))))]),
    ok.

id(X) -> X.
catch_err(F) -> try F() catch error:R -> {error, R} end.
