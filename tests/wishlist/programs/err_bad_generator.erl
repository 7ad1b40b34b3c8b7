-module(err_bad_generator).
-export([main/0]).

main() ->
    io:format("doubles: ~p~n", [doubles([1, 2, 3])]),
    doubles(not_a_list).

doubles(L) -> [X * 2 || X <- L].
