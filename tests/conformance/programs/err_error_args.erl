-module(err_error_args).
-export([main/0]).

main() ->
    io:format("calling checked/2~n"),
    checked(bad_input, [1, 2]).

checked(X, Y) -> error(invalid_input, [X, Y]).
