-module(err_badarith_atom).
-export([main/0]).

main() ->
    io:format("adding numbers: ~p~n", [add(1, 2)]),
    add(1, one).

add(A, B) -> A + B.
