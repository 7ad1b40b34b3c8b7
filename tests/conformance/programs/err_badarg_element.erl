-module(err_badarg_element).
-export([main/0]).

main() ->
    T = {a, b, c},
    io:format("second: ~p~n", [pick(2, T)]),
    pick(7, T).

pick(N, T) -> element(N, T).
