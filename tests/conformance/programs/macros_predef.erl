-module(macros_predef).
-export([main/0, other/2]).

main() ->
    io:format("MODULE: ~p~n", [?MODULE]),
    io:format("MODULE_STRING: ~p~n", [?MODULE_STRING]),
    io:format("FILE basename: ~p~n", [filename:basename(?FILE)]),
    io:format("LINE: ~p~n", [?LINE]),
    io:format("LINE again: ~p~n",
              [?LINE]),
    io:format("FUNCTION_NAME: ~p~n", [?FUNCTION_NAME]),
    io:format("FUNCTION_ARITY: ~p~n", [?FUNCTION_ARITY]),
    other(1, 2),
    F = fun() -> {?FUNCTION_NAME, ?FUNCTION_ARITY} end,
    io:format("inside fun: ~p~n", [F()]),
    io:format("MACHINE: ~p~n", [?MACHINE]),
    io:format("OTP_RELEASE >= 21: ~p~n", [?OTP_RELEASE >= 21]),
    io:format("call self: ~p~n", [?MODULE:other(3, 4)]),
    ok.

other(A, B) ->
    io:format("in ~p/~p line ~p with ~p~n", [?FUNCTION_NAME, ?FUNCTION_ARITY, ?LINE, {A, B}]),
    {?MODULE, ?FUNCTION_NAME}.
