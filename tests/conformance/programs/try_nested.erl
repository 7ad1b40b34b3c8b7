-module(try_nested).
-export([main/0]).

main() ->
    io:format("~p~n", [level1(throw)]),
    io:format("~p~n", [level1(error)]),
    io:format("~p~n", [level1(exit)]),
    io:format("~p~n", [level1(none)]),
    io:format("~p~n", [deep(5)]),
    io:format("~p~n", [catch_in_catch()]),
    io:format("~p~n", [in_loop([1, 0, 2, a, 4])]),
    io:format("~p~n", [cleanup_order()]),
    ok.

level1(Kind) ->
    try level2(Kind)
    catch exit:R -> {level1_caught, R}
    end.

level2(Kind) ->
    try level3(Kind)
    catch error:R -> {level2_caught, R}
    end.

level3(throw) -> try throw(t) catch throw:T -> {level3_caught, T} end;
level3(error) -> error(e);
level3(exit) -> exit(x);
level3(none) -> no_exception.

deep(0) -> throw(bottom);
deep(N) ->
    try deep(N - 1)
    catch throw:bottom when N =:= 3 -> {caught_at, N}
    end.

catch_in_catch() ->
    try
        throw(first)
    catch
        throw:first ->
            try throw(second)
            catch throw:second -> both_caught
            end
    end.

in_loop(L) ->
    [try 10 div X catch error:badarith -> inf; error:_ -> bad end || X <- L].

cleanup_order() ->
    try
        try
            log(body),
            throw(x)
        after
            log(inner_after)
        end
    catch
        throw:x -> log(outer_catch)
    after
        log(outer_after)
    end,
    done.

log(E) -> io:format("  step ~p~n", [E]).
