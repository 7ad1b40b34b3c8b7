-module(err_badkey).
-export([main/0]).

main() ->
    M = #{name => "widget", size => 3},
    io:format("size: ~p~n", [get_field(size, M)]),
    get_field(colour, M).

get_field(K, M) -> maps:get(K, M).
