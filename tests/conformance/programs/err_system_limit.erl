-module(err_system_limit).
-export([main/0]).

main() ->
    io:format("making a long atom~n"),
    make_atom(300).

make_atom(N) -> list_to_atom(lists:duplicate(N, $x)).
