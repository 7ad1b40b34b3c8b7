-module(err_case_clause).
-export([main/0]).

main() ->
    io:format("colour of apple: ~p~n", [colour(apple)]),
    colour(grape).

colour(Fruit) ->
    case Fruit of
        apple -> red;
        banana -> yellow
    end.
