-module(try_of).
-export([main/0]).

main() ->
    [io:format("~p -> ~p~n", [X, run(X)]) || X <- [1, 2, 3, 4, 5]],
    io:format("of error not caught: ~p~n", [outer(fun() -> {ok, bad} end)]),
    io:format("nested of: ~p~n", [nested(10)]),
    io:format("nested of: ~p~n", [nested(0)]),
    ok.

work(1) -> {ok, one};
work(2) -> {error, two};
work(3) -> throw(three);
work(4) -> error(four);
work(5) -> 5.

run(X) ->
    try work(X) of
        {ok, V} -> {success, V};
        {error, R} -> {failure, R};
        Other -> {other, Other}
    catch
        throw:T -> {caught_throw, T};
        error:E -> {caught_error, E}
    end.

%% An exception raised in the 'of' section is not caught by the same try.
inner(F) ->
    try F() of
        {ok, bad} -> error(raised_in_of);
        V -> V
    catch
        error:_ -> inner_caught
    end.

outer(F) ->
    try inner(F) catch error:E -> {outer_caught, E} end.

nested(N) ->
    try
        try 100 div N of
            Q -> {quotient, Q}
        catch
            error:badarith -> throw(div_by_zero)
        end
    of
        {quotient, Q2} -> Q2 * 2
    catch
        throw:div_by_zero -> infinity
    end.
