-module(err_badarg_list_to_integer).
-export([main/0]).

main() ->
    io:format("parsed: ~p~n", [parse("123")]),
    parse("12x").

parse(S) -> list_to_integer(S).
