-module(match_strings_prefix).
-export([main/0]).

main() ->
    lists:foreach(fun(S) -> io:format("~p -> ~p~n", [S, parse(S)]) end,
                  ["GET /index", "POST /form", "PUT x", "DELETE", "", "get lower"]),
    io:format("~p~n", [strip_prefix("prefix:value")]),
    io:format("~p~n", [strip_prefix("other")]),
    io:format("~p~n", [cmd(<<"ECHO hello">>)]),
    io:format("~p~n", [cmd(<<"QUIT">>)]),
    io:format("~p~n", [cmd(<<"NOPE">>)]),
    io:format("~p~n", [count_a("banana", 0)]),
    ok.

parse("GET " ++ Path) -> {get, Path};
parse("POST " ++ Path) -> {post, Path};
parse([C | _] = S) when C >= $A, C =< $Z -> {unknown_upper, S};
parse([]) -> empty;
parse(_) -> other.

strip_prefix("prefix:" ++ Rest) -> Rest;
strip_prefix(S) -> {no_prefix, S}.

cmd(<<"ECHO ", Msg/binary>>) -> {echo, Msg};
cmd(<<"QUIT">>) -> quit;
cmd(Other) -> {bad, Other}.

count_a([], N) -> N;
count_a([$a | T], N) -> count_a(T, N + 1);
count_a([_ | T], N) -> count_a(T, N).
