-module(err_badarg_bif).
-export([main/0]).

main() ->
    io:format("name: ~s~n", [name(hello)]),
    name(1).

name(X) -> atom_to_list(X).
