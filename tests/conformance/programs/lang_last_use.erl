%% Values must survive every path on which a variable is still used: after calls, in
%% catch handlers, in later clauses, and when the same variable is passed twice.
-module(lang_last_use).
-export([main/0]).

main() ->
    M0 = #{a => 1},
    M1 = maps:put(b, 2, M0),
    M2 = M0#{c => 3},
    io:format("~p ~p ~p~n", [M0, M1, M2]),
    L = [1, 2, 3],
    io:format("~p~n", [pair(L, L)]),
    io:format("~p~n", [in_handler([x, y])]),
    io:format("~p~n", [after_guard({t, [1]})]),
    io:format("~p~n", [after_guard({t, other})]),
    io:format("~p~n", [build(5, #{})]),
    io:format("~p~n", [shared_build()]),
    io:format("~p~n", [top(catch clause_fail({big, [1, 2]}, "str"))]),
    io:format("~p~n", [loop_keep(3, {acc, []})]),
    io:format("~p~n", [in_receive({msg, [a]})]),
    io:format("~p~n", [fun_env([q])]),
    T = {tuple, L},
    io:format("~p~n", [try element(length(L), T) catch error:badarg -> {caught, T} end]),
    io:format("~p~n", [top(catch maps:put(k, v, L))]),
    io:format("~p~n", [top(catch maps:update(missing, v, M0))]),
    io:format("~p~n", [M0]).

top({'EXIT', {Reason, [Frame | _]}}) -> {Reason, Frame}.

pair(A, B) -> {A, B}.

in_handler(X) ->
    try
        identity(X),
        error(boom)
    catch
        error:boom -> {handled, X}
    end.

identity(X) -> X.

after_guard({t, L}) when is_list(hd(L)) -> {first, L};
after_guard({t, L}) when is_list(L) -> {second, L};
after_guard(Other) -> {third, Other}.

build(0, M) -> M;
build(N, M) -> build(N - 1, M#{N => N * N}).

shared_build() ->
    Base = #{base => true},
    A = maps:put(x, 1, Base),
    B = maps:put(y, 2, Base),
    C = maps:remove(base, Base),
    {Base, A, B, C}.

clause_fail({small, X}, S) -> {X, S};
clause_fail({medium, X}, S) when length(X) > 5 -> {X, S}.

loop_keep(0, Acc) -> Acc;
loop_keep(N, {acc, L} = Acc) ->
    New = {acc, [N | L]},
    case N of
        2 -> loop_keep(N - 1, setelement(2, Acc, [two | L]));
        _ -> loop_keep(N - 1, New)
    end.

in_receive(Msg) ->
    self() ! Msg,
    receive
        {msg, X} = Got -> {Got, X, Msg}
    end.

fun_env(X) ->
    F = fun() -> {in_fun, X} end,
    {F(), X}.
