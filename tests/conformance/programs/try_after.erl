-module(try_after).
-export([main/0]).

main() ->
    io:format("result: ~p~n", [with_after(fun() -> normal end)]),
    io:format("result: ~p~n", [catch with_after(fun() -> throw(oops) end)]),
    io:format("result: ~p~n", [with_catch_after(fun() -> error(bad) end)]),
    io:format("result: ~p~n", [with_catch_after(fun() -> fine end)]),
    io:format("result: ~p~n", [after_value()]),
    io:format("result: ~p~n", [nested_after()]),
    io:format("result: ~p~n", [try_after_only_of()]),
    io:format("result: ~p~n", [catch after_throws()]),
    ok.

with_after(F) ->
    try F()
    after
        io:format("  after runs~n")
    end.

with_catch_after(F) ->
    try F() of
        V -> io:format("  of clause~n"), {ok, V}
    catch
        C:R -> io:format("  catch clause~n"), {C, R}
    after
        io:format("  after clause~n")
    end.

%% The value of the after block is discarded.
after_value() ->
    try
        body_value
    after
        after_value_ignored
    end.

nested_after() ->
    try
        try
            io:format("  inner body~n"),
            throw(inner)
        after
            io:format("  inner after~n")
        end
    catch
        throw:inner ->
            io:format("  outer catch~n"),
            caught
    after
        io:format("  outer after~n")
    end.

try_after_only_of() ->
    try 21 of
        X -> X * 2
    after
        io:format("  after of~n")
    end.

after_throws() ->
    try
        original
    after
        io:format("  after that throws~n"),
        throw(from_after)
    end.
