-module(algo_graph).
-export([main/0]).

main() ->
    Edges = [{a, b, 4}, {a, c, 2}, {b, c, 5}, {b, d, 10}, {c, e, 3}, {e, d, 4}, {d, f, 11}, {e, f, 20}, {g, h, 1}],
    G = build(Edges),
    io:format("neighbours of a: ~p~n", [maps:get(a, G)]),
    io:format("bfs from a: ~p~n", [bfs(G, [a], [a])]),
    io:format("dfs from a: ~p~n", [lists:reverse(dfs(G, a, []))]),
    io:format("dijkstra from a: ~p~n", [lists:sort(maps:to_list(dijkstra(G, a)))]),
    io:format("components: ~p~n", [components(G)]),
    io:format("path a->f: ~p~n", [path(G, a, f)]),
    io:format("path a->g: ~p~n", [path(G, a, g)]),
    ok.

build(Edges) ->
    lists:foldl(fun({U, V, W}, M) ->
                        M1 = M#{U => lists:sort([{V, W} | maps:get(U, M, [])])},
                        M1#{V => lists:sort([{U, W} | maps:get(V, M1, [])])}
                end, #{}, Edges).

bfs(_, [], Seen) -> lists:reverse(Seen);
bfs(G, [N | Queue], Seen) ->
    New = [V || {V, _} <- maps:get(N, G), not lists:member(V, Seen)],
    bfs(G, Queue ++ New, lists:reverse(New) ++ Seen).

dfs(G, N, Seen) ->
    case lists:member(N, Seen) of
        true -> Seen;
        false -> lists:foldl(fun({V, _}, S) -> dfs(G, V, S) end, [N | Seen], maps:get(N, G))
    end.

dijkstra(G, Src) -> dijkstra(G, [{0, Src}], #{}).
dijkstra(_, [], Dist) -> Dist;
dijkstra(G, [{D, N} | Rest], Dist) ->
    case maps:is_key(N, Dist) of
        true -> dijkstra(G, Rest, Dist);
        false ->
            Next = [{D + W, V} || {V, W} <- maps:get(N, G), not maps:is_key(V, Dist)],
            dijkstra(G, lists:sort(Next ++ Rest), Dist#{N => D})
    end.

components(G) ->
    {Comps, _} = lists:foldl(fun(N, {Acc, Seen}) ->
                                     case lists:member(N, Seen) of
                                         true -> {Acc, Seen};
                                         false ->
                                             C = lists:sort(dfs(G, N, [])),
                                             {[C | Acc], C ++ Seen}
                                     end
                             end, {[], []}, lists:sort(maps:keys(G))),
    lists:reverse(Comps).

path(G, From, To) -> path(G, [[From]], To, [From]).
path(_, [], _, _) -> no_path;
path(_, [[To | _] = P | _], To, _) -> lists:reverse(P);
path(G, [[N | _] = P | Rest], To, Seen) ->
    Next = [V || {V, _} <- maps:get(N, G), not lists:member(V, Seen)],
    path(G, Rest ++ [[V | P] || V <- Next], To, Next ++ Seen).
