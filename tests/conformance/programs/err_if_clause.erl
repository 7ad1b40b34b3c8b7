-module(err_if_clause).
-export([main/0]).

main() ->
    io:format("sign(5) = ~p~n", [sign(5)]),
    io:format("sign(0) follows~n"),
    sign(0).

sign(X) ->
    if X > 0 -> positive;
       X < 0 -> negative
    end.
