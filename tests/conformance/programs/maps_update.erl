-module(maps_update).
-export([main/0]).

main() ->
    M0 = #{name => "box", count => 0},
    M1 = M0#{count := 1},
    io:format("exact update: ~p~n", [M1]),
    M2 = M1#{color => red},
    io:format("insert: ~p~n", [M2]),
    M3 = M2#{color => blue, count := 2},
    io:format("mixed update: ~p~n", [M3]),
    io:format("original: ~p~n", [M0]),
    io:format("update missing: ~p~n", [try (id(M0))#{missing := 1} catch error:E -> E end]),
    io:format("update non-map: ~p~n", [try (id(notmap))#{a => 1} catch error:E2 -> E2 end]),
    io:format("put: ~p~n", [maps:put(new, 1, M0)]),
    io:format("update: ~p~n", [maps:update(count, 99, M0)]),
    io:format("update missing: ~p~n", [try maps:update(nope, 1, M0) catch error:E3 -> E3 end]),
    io:format("remove: ~p~n", [maps:remove(name, M0)]),
    io:format("remove missing: ~p~n", [maps:remove(zzz, M0)]),
    io:format("merge: ~p~n", [maps:merge(#{a => 1, b => 2}, #{b => 20, c => 30})]),
    io:format("with: ~p~n", [maps:with([a, c, z], #{a => 1, b => 2, c => 3})]),
    io:format("without: ~p~n", [maps:without([a, c, z], #{a => 1, b => 2, c => 3})]),
    io:format("float vs int key: ~p~n", [(#{1 => int})#{1.0 => float}]),
    io:format("update same value: ~p~n", [M0#{count := 0} =:= M0]),
    Counter = lists:foldl(fun(W, Acc) ->
                                  case Acc of
                                      #{W := N} -> Acc#{W := N + 1};
                                      _ -> Acc#{W => 1}
                                  end
                          end, #{}, [a, b, a, c, b, a]),
    io:format("word count: ~p~n", [Counter]),
    Big = lists:foldl(fun(I, Acc) -> Acc#{I => I * 2} end, #{}, lists:seq(1, 100)),
    io:format("big size: ~p~n", [map_size(Big)]),
    io:format("big get: ~p ~p~n", [maps:get(50, Big), maps:get(100, Big)]),
    Big2 = maps:remove(50, Big),
    io:format("big removed: ~p ~p~n", [map_size(Big2), maps:is_key(50, Big2)]),
    io:format("big sum: ~p~n", [lists:sum(maps:values(Big))]),
    ok.

id(X) -> X.
