-module(err_badarity).
-export([main/0]).

main() ->
    F = fun(A, B) -> A + B end,
    io:format("two args: ~p~n", [F(1, 2)]),
    call_with_one(F).

call_with_one(F) -> F(1).
