-module(stdlib_maps_large_iteration).
-export([main/0]).

main() ->
    Sizes = [33, 64, 65, 200],
    [begin
         M = maps:from_list([{K * 7919 rem 1000, K} || K <- lists:seq(1, N)]),
         io:format("size ~p: ~w~n", [map_size(M), lists:sublist(maps:keys(M), 20)]),
         io:format("  to_list head: ~w~n", [lists:sublist(maps:to_list(M), 10)]),
         io:format("  map keys: ~w~n", [lists:sublist(maps:keys(maps:map(fun(_, V) -> V end, M)), 10)]),
         io:format("  filter keys: ~w~n", [lists:sublist(maps:keys(maps:filter(fun(K, _) -> K rem 2 =:= 0 end, M)), 10)])
     end || N <- Sizes],
    BinMap = maps:from_list([{<<C>>, C} || C <- lists:seq($a, $z)] ++
                            [{<<C, C>>, C} || C <- lists:seq($a, $z)]),
    io:format("binary keys: ~p~n", [maps:keys(BinMap)]),
    Strs = maps:from_list([{integer_to_list(I), I} || I <- lists:seq(1, 50)]),
    io:format("string keys: ~p~n", [maps:keys(Strs)]),
    Merged = maps:merge(maps:from_list([{I, a} || I <- lists:seq(1, 30)]), maps:from_list([{I, b} || I <- lists:seq(20, 50)])),
    io:format("merged: ~w~n", [maps:to_list(Merged)]),
    io:format("lc over map: ~w~n", [[K || {K, b} <- maps:to_list(Merged)]]),
    ok.
