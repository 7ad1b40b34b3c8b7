-module(maps_stdlib).
-export([main/0]).

main() ->
    M = maps:from_list([{K, length(atom_to_list(K))} || K <- [one, two, three, four, five]]),
    io:format("map: ~p~n", [M]),
    io:format("fold: ~p~n", [maps:fold(fun(_K, V, Acc) -> V + Acc end, 0, M)]),
    io:format("fold keys: ~p~n", [lists:sort(maps:fold(fun(K, _V, Acc) -> [K | Acc] end, [], M))]),
    io:format("map: ~p~n", [maps:map(fun(_K, V) -> V * 10 end, M)]),
    io:format("filter: ~p~n", [maps:filter(fun(_K, V) -> V > 3 end, M)]),
    io:format("new: ~p~n", [maps:new()]),
    io:format("size: ~p~n", [maps:size(M)]),
    io:format("to_list sorted: ~p~n", [lists:sort(maps:to_list(M))]),
    io:format("keys sorted: ~p~n", [lists:sort(maps:keys(M))]),
    io:format("merge empty: ~p~n", [maps:merge(#{}, M) =:= M]),
    io:format("with order: ~p~n", [maps:with([five, one], M)]),
    io:format("find: ~p~n", [maps:find(three, M)]),
    io:format("get badkey: ~p~n", [try maps:get(nine, M) catch error:E -> E end]),
    io:format("get badmap: ~p~n", [try maps:get(a, id(nomap)) catch error:E2 -> E2 end]),
    Inverted = maps:fold(fun(K, V, Acc) -> Acc#{V => [K | maps:get(V, Acc, [])]} end, #{}, M),
    io:format("inverted: ~p~n", [maps:map(fun(_, V) -> lists:sort(V) end, Inverted)]),
    Nested = #{a => #{b => #{c => 1}}},
    io:format("deep get: ~p~n", [maps:get(c, maps:get(b, maps:get(a, Nested)))]),
    io:format("deep put: ~p~n", [deep_put([a, b, d], 2, Nested)]),
    ok.

id(X) -> X.

deep_put([K], V, M) -> M#{K => V};
deep_put([K | Rest], V, M) -> M#{K => deep_put(Rest, V, maps:get(K, M, #{}))}.
