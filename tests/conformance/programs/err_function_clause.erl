-module(err_function_clause).
-export([main/0]).

main() ->
    io:format("classify(1) = ~p~n", [classify(1)]),
    io:format("classify(two) = ~p~n", [classify(two)]),
    classify({three, "3"}).

classify(N) when is_integer(N) -> number;
classify(A) when is_atom(A) -> atom.
