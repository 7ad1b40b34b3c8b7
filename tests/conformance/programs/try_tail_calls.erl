%% The last call of a try's `of` or `catch` clause (when the try has no `after` and is
%% itself in tail position) is a tail call: a loop through it runs in constant space, and
%% stack traces do not show the looping function's frames.
-module(try_tail_calls).
-export([main/0]).

main() ->
    io:format("of loop ~p~n", [of_loop(1000000, 0)]),
    io:format("catch loop ~p~n", [catch_loop(300000, 0)]),
    {stack_size, Size} = erlang:process_info(self(), stack_size),
    io:format("small stack ~p~n", [Size < 1000]),
    report(fun() -> of_tail(4) end),
    report(fun() -> catch_tail(3) end),
    report(fun() -> with_after(4) end),
    report(fun() -> in_body(4) end),
    io:format("values ~p~n", [[of_tail(0), catch_tail(0), with_after(0), in_body(0), no_of(5)]]).

report(F) ->
    try F() of
        V -> io:format("value ~p~n", [V])
    catch
        C:R:S -> io:format("~p ~p~n  ~p~n", [C, R, [{Fn, A} || {M, Fn, A, _} <- S, M =:= ?MODULE]])
    end.

of_loop(0, Acc) -> Acc;
of_loop(N, Acc) ->
    try step(N) of
        V -> of_loop(N - 1, Acc + V)
    catch
        _:_ -> error
    end.

catch_loop(0, Acc) -> Acc;
catch_loop(N, Acc) ->
    try throw(N) of
        _ -> unreachable
    catch
        throw:V -> catch_loop(N - 1, Acc + V)
    end.

step(N) -> N rem 3.

of_tail(N) ->
    try step(N) of
        0 -> zero;
        V -> deeper(V)
    catch
        error:_ -> caught
    end.

catch_tail(N) ->
    try throw(N) of
        _ -> unreachable
    catch
        throw:0 -> zero;
        throw:V -> deeper(V)
    end.

with_after(N) ->
    try step(N) of
        0 -> zero;
        V -> deeper(V)
    after
        ok
    end.

in_body(N) ->
    R = try step(N) of
            0 -> zero;
            V -> deeper(V)
        catch
            error:_ -> caught
        end,
    {R}.

no_of(N) ->
    try step(N) catch _:_ -> caught end.

deeper(V) -> {deep, blow(V)}.
blow(V) when V > 100 -> V;
blow(V) -> erlang:error({blown, V}, [V]).
