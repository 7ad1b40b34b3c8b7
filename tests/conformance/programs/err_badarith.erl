-module(err_badarith).
-export([main/0]).

main() ->
    io:format("10 / 2 = ~p~n", [divide(10, 2)]),
    io:format("10 / 0 next~n"),
    divide(10, 0).

divide(A, B) -> A / B.
