%% Errors raised deep inside numeric code that runs natively, with their whole stack
%% traces: the frames of native callers must be the interpreter's, line for line.
-module(traces).
-export([main/0]).

main() ->
    report(fun() -> outer(5, foo) end),
    report(fun() -> outer(3, 0) end),
    report(fun() -> count_down(6) end),
    report(fun() -> count_down(5000) end),
    report(fun() -> mixed(4, 1.0e300) end),
    report(fun() -> walk(10, 3) end),
    report(fun() -> walk(4000, 2500) end),
    io:format("sum ~p~n", [sum(100000, 16#7FFFFFFFFFFF0000)]).

report(F) ->
    try F() of
        V -> io:format("value ~p~n", [V])
    catch
        C:R:S -> io:format("~p ~p~n~p~n", [C, R, S])
    end.

outer(N, X) -> middle(N, X) + 1.
middle(N, X) -> inner(N, X) * 2.
inner(0, X) -> 10 div X;
inner(N, X) -> inner(N - 1, X) + X.

count_down(0) -> erlang:error(reached_zero);
count_down(N) -> count_down(N - 1) + 1.

mixed(0, X) -> X * X;
mixed(N, X) -> 1.5 + mixed(N - 1, X).

%% Fails with badarith once M is reached: a raise far below the native depth limit.
walk(0, _) -> 0;
walk(N, M) when N =:= M -> N + fail;
walk(N, M) -> 1 + walk(N - 1, M).

sum(0, Acc) -> Acc;
sum(N, Acc) -> sum(N - 1, Acc + N).
