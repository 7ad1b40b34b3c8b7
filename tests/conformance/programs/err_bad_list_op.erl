-module(err_bad_list_op).
-export([main/0]).

main() ->
    io:format("joined: ~p~n", [join([1], [2])]),
    join(atom, [2]).

join(A, B) -> A ++ B.
