-module(err_badmatch).
-export([main/0]).

main() ->
    io:format("before the crash~n"),
    {ok, Value} = lookup(missing),
    io:format("never printed ~p~n", [Value]).

lookup(Key) -> {error, {not_found, Key}}.
