%% element/2 with a literal index, which the compiler reads inline: in bodies, in guards
%% (where a bad argument makes the guard false), on the last use of the tuple and when the
%% tuple is not one, is too short, or the index is out of range.
-module(bif_element_literal).
-export([main/0]).

second(T) when element(2, T) =:= b -> yes;
second(_) -> no.

third(T) -> element(3, T).

first_and_whole(T) -> X = element(1, T), {X, T}.

same_reg(T) -> T1 = element(1, T), element(1, T1).

try_call(F) ->
    try F() of
        V -> {ok, V}
    catch
        Class:Reason:Stack -> {Class, Reason, hd(Stack)}
    end.

main() ->
    io:format("~p~n", [[second(X) || X <- [{a, b}, {a}, x, {a, c}, {a, b, c}]]]),
    io:format("~p~n", [first_and_whole({q, r})]),
    io:format("~p~n", [same_reg({{inner, 1}, outer})]),
    io:format("~p~n", [[element(1, T) || T <- [{1}, {2, 3}, {"four"}]]]),
    io:format("~p~n", [try_call(fun() -> third({1, 2, 3}) end)]),
    io:format("~p~n", [try_call(fun() -> third({1, 2}) end)]),
    io:format("~p~n", [try_call(fun() -> third(not_a_tuple) end)]),
    io:format("~p~n", [try_call(fun() -> third([1, 2, 3]) end)]),
    io:format("~p~n", [try_call(fun() -> element(1, list_to_tuple([])) end)]),
    Big = list_to_tuple(lists:seq(1, 300)),
    io:format("~p ~p~n", [element(300, Big), element(17, Big)]),
    case Big of
        T when element(301, T) > 0 -> io:format("guard passed~n");
        _ -> io:format("guard failed~n")
    end.
