-module(err_hd_empty).
-export([main/0]).

main() ->
    io:format("first of [a,b]: ~p~n", [first([a, b])]),
    first([]).

first(L) -> hd(L).
