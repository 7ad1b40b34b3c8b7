-module(err_undef_function).
-export([main/0]).

main() ->
    io:format("calling a function that does not exist~n"),
    lists:no_such_function(1, 2).
