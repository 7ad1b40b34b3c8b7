-module(err_badmap).
-export([main/0]).

main() ->
    io:format("size of map: ~p~n", [count(#{a => 1})]),
    update([not_a_map]).

count(M) -> map_size(M).

update(M) -> M#{key => value}.
