-module(try_raise).
-export([main/0]).

main() ->
    io:format("~p~n", [reraise(throw, t1)]),
    io:format("~p~n", [reraise(error, e1)]),
    io:format("~p~n", [reraise(exit, x1)]),
    io:format("~p~n", [rethrow_keep_stack()]),
    io:format("~p~n", [catch_class_of(fun() -> erlang:raise(throw, raised, []) end)]),
    io:format("~p~n", [bad_raise()]),
    io:format("~p~n", [stack_shape()]),
    io:format("~p~n", [error2_shape()]),
    ok.

reraise(Class, Reason) ->
    try
        try erlang:raise(Class, Reason, [])
        catch C:R:S -> erlang:raise(C, {wrapped, R}, S)
        end
    catch
        C2:R2 -> {C2, R2}
    end.

rethrow_keep_stack() ->
    try
        try error(deep)
        catch error:E:S -> erlang:raise(error, E, S)
        end
    catch
        error:E2:S2 -> {E2, is_list(S2)}
    end.

catch_class_of(F) ->
    try F() catch Class:Reason -> {Class, Reason} end.

%% erlang:raise/3 with an invalid class is a badarg.
bad_raise() ->
    try erlang:raise(bogus, reason, []) catch error:E -> {badarg_result, E} end.

stack_shape() ->
    try error(shape)
    catch error:shape:Stack ->
        [{M, F, A, _Loc} | _] = Stack,
        {M, F, is_integer(A) orelse is_list(A)}
    end.

error2_shape() ->
    try args_fun(1, two)
    catch error:{myerr, X}:Stack ->
        [{M, F, Args, _} | _] = Stack,
        {X, M, F, Args}
    end.

args_fun(A, B) -> error({myerr, A}, [A, B]).
