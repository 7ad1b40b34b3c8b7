-module(format_io_lib).
-export([main/0]).

main() ->
    S1 = io_lib:format("~p-~p", [1, 2]),
    io:format("raw: ~p~n", [S1]),
    io:format("flat: ~p~n", [lists:flatten(S1)]),
    io:put_chars([S1, "\n"]),
    S2 = io_lib:format("~s and ~w", ["text", {t}]),
    io:format("flat2: ~s~n", [S2]),
    S3 = io_lib:format("~5.1f|~-6s|~3b", [2.345, "ab", 7]),
    io:format("flat3: ~p~n", [lists:flatten(S3)]),
    io:format("iolist_size: ~p~n", [iolist_size(S3)]),
    io:format("to binary: ~p~n", [iolist_to_binary(S3)]),
    io:format("write flat: ~s~n", [io_lib:write({a, [1, 2], "s"})]),
    io:format("nested format: ~s~n", [io_lib:format("outer ~s", [io_lib:format("inner ~p", [1])])]),
    io:format("empty: ~p~n", [io_lib:format("", [])]),
    io:format("newline: ~p~n", [io_lib:format("~n", [])]),
    io:format("chars: ~p~n", [io_lib:format("~c~c", [$x, $y])]),
    io:format("tilde: ~p~n", [io_lib:format("~~", [])]),
    io:format("p of string: ~p~n", [io_lib:format("~p", ["abc"])]),
    io:format("e: ~p~n", [lists:flatten(io_lib:format("~e", [1.5]))]),
    io:format("bad args: ~p~n", [try io_lib:format("~p ~p", [only_one]) catch error:E -> E end]),
    io:format("bad directive: ~p~n", [try io_lib:format("~q", [x]) catch error:E2 -> E2 end]),
    ok.
