-module(try_basic).
-export([main/0]).

main() ->
    io:format("~p~n", [safe(fun() -> 1 + 1 end)]),
    io:format("~p~n", [safe(fun() -> throw(my_throw) end)]),
    io:format("~p~n", [safe(fun() -> error(my_error) end)]),
    io:format("~p~n", [safe(fun() -> exit(my_exit) end)]),
    io:format("~p~n", [safe(fun() -> error(with_args, [1, 2]) end)]),
    io:format("~p~n", [safe(fun() -> 1 / zero() end)]),
    io:format("~p~n", [safe(fun() -> throw({complex, [1, 2], "text"}) end)]),
    io:format("~p~n", [only_throws(fun() -> throw(t) end)]),
    {'EXIT', {Escaped, _}} = catch only_throws(fun() -> error(e) end),
    io:format("escaped: ~p~n", [Escaped]),
    io:format("~p~n", [class_default(fun() -> throw(default_class) end)]),
    io:format("~p~n", [pattern_catch(fun() -> throw({retry, 3}) end)]),
    io:format("~p~n", [pattern_catch(fun() -> throw({fatal, "disk"}) end)]),
    io:format("~p~n", [pattern_catch(fun() -> throw(other) end)]),
    io:format("~p~n", [guard_catch(fun() -> throw(5) end)]),
    io:format("~p~n", [guard_catch(fun() -> throw(50) end)]),
    io:format("~p~n", [try ok catch _ -> never end]),
    io:format("~p~n", [try throw(a), not_reached catch a -> caught_a end]),
    io:format("~p~n", [multi_expr()]),
    ok.

zero() -> 0.

safe(F) ->
    try F() of
        V -> {ok, V}
    catch
        throw:T -> {thrown, T};
        error:E -> {error, E};
        exit:X -> {exited, X}
    end.

only_throws(F) ->
    try F() catch throw:T -> {caught_throw, T} end.

class_default(F) ->
    try F() catch T -> {no_class_means_throw, T} end.

pattern_catch(F) ->
    try F() catch
        throw:{retry, N} when N > 0 -> {will_retry, N};
        throw:{fatal, Why} -> {fatal, Why};
        throw:_ -> unknown
    end.

guard_catch(F) ->
    try F() catch
        throw:N when is_integer(N), N < 10 -> small;
        throw:N when is_integer(N) -> big
    end.

multi_expr() ->
    try
        A = 1,
        B = A + 1,
        {A, B}
    catch
        _:_ -> failed
    end.
