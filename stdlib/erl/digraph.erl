%% digraph: directed graphs kept in three ETS tables, with OTP 25's interface and results.
%%
%% A graph is {digraph, Vertices, Edges, Neighbours, Cyclic}: Vertices holds {V, Label},
%% Edges {E, V1, V2, Label}, and the bag Neighbours {{out, V}, E} and {{in, V}, E} for
%% every edge, in the order the edges were added, plus the counters that name new vertices
%% (['$v' | N]) and edges (['$e' | N]). Neighbour lists come out as OTP gives them (the
%% vertices last added first, the edges in the order added); vertices/1 and edges/1 follow
%% ETS order, which is term order here (erl's is hash order: neither is to be relied on).
-module(digraph).

-export([new/0, new/1, delete/1, info/1,
         add_vertex/1, add_vertex/2, add_vertex/3, del_vertex/2, del_vertices/2,
         vertex/2, no_vertices/1, vertices/1, source_vertices/1, sink_vertices/1,
         add_edge/3, add_edge/4, add_edge/5, del_edge/2, del_edges/2, del_path/3,
         edge/2, no_edges/1, edges/1, edges/2, out_edges/2, in_edges/2,
         out_neighbours/2, in_neighbours/2, out_degree/2, in_degree/2,
         get_path/3, get_cycle/2, get_short_path/3, get_short_cycle/2]).

new() -> new([]).

new(Type) when is_list(Type) ->
    {Cyclic, Access} = options(Type, true, protected),
    VT = ets:new(vertices, [set, Access]),
    ET = ets:new(edges, [set, Access]),
    NT = ets:new(neighbours, [bag, Access]),
    ets:insert(NT, [{'$vid', 0}, {'$eid', 0}]),
    {digraph, VT, ET, NT, Cyclic};
new(_) ->
    erlang:error(badarg).

options([cyclic | T], _, A) -> options(T, true, A);
options([acyclic | T], _, A) -> options(T, false, A);
options([protected | T], C, _) -> options(T, C, protected);
options([private | T], C, _) -> options(T, C, private);
options([], C, A) -> {C, A};
options(_, _, _) -> erlang:error(badarg).

delete({digraph, VT, ET, NT, _}) ->
    ets:delete(VT),
    ets:delete(ET),
    ets:delete(NT).

info({digraph, VT, ET, NT, Cyclic}) ->
    Memory = ets:info(VT, memory) + ets:info(ET, memory) + ets:info(NT, memory),
    [{cyclicity, case Cyclic of true -> cyclic; false -> acyclic end},
     {memory, Memory},
     {protection, ets:info(VT, protection)}].

%% ---------------------------------------------------------------------
%% Vertices

add_vertex({digraph, _, _, NT, _} = G) ->
    add_vertex(G, ['$v' | next(NT, '$vid')], []).

add_vertex(G, V) -> add_vertex(G, V, []).

add_vertex({digraph, VT, _, _, _}, V, Label) ->
    ets:insert(VT, {V, Label}),
    V.

vertex({digraph, VT, _, _, _}, V) ->
    case ets:lookup(VT, V) of
        [Vertex] -> Vertex;
        [] -> false
    end.

no_vertices({digraph, VT, _, _, _}) -> ets:info(VT, size).

vertices({digraph, VT, _, _, _}) -> ets:select(VT, [{{'$1', '_'}, [], ['$1']}]).

source_vertices(G) -> [V || V <- vertices(G), in_degree(G, V) =:= 0].

sink_vertices(G) -> [V || V <- vertices(G), out_degree(G, V) =:= 0].

del_vertex({digraph, VT, _, _, _} = G, V) ->
    del_edges(G, edges(G, V)),
    ets:delete(VT, V).

del_vertices(G, Vs) ->
    lists:foreach(fun(V) -> del_vertex(G, V) end, Vs),
    true.

%% ---------------------------------------------------------------------
%% Edges

add_edge({digraph, _, _, NT, _} = G, V1, V2) ->
    add_edge(G, ['$e' | next(NT, '$eid')], V1, V2, [], new).

add_edge({digraph, _, _, NT, _} = G, V1, V2, Label) ->
    add_edge(G, ['$e' | next(NT, '$eid')], V1, V2, Label, new).

add_edge(G, E, V1, V2, Label) ->
    add_edge(G, E, V1, V2, Label, named).

add_edge({digraph, VT, ET, NT, Cyclic} = G, E, V1, V2, Label, _How) ->
    case {ets:member(VT, V1), ets:member(VT, V2)} of
        {false, _} -> {error, {bad_vertex, V1}};
        {_, false} -> {error, {bad_vertex, V2}};
        _ ->
            case ets:lookup(ET, E) of
                [{E, V1, V2, _}] ->
                    ets:insert(ET, {E, V1, V2, Label}),
                    E;
                [_] ->
                    {error, {bad_edge, [V1, V2]}};
                [] when not Cyclic, V1 =:= V2 ->
                    {error, {bad_edge, [V1, V2]}};
                [] ->
                    case Cyclic orelse get_path(G, V2, V1) of
                        Path when is_list(Path) ->
                            {error, {bad_edge, Path}};
                        _ ->
                            ets:insert(ET, {E, V1, V2, Label}),
                            ets:insert(NT, [{{out, V1}, E}, {{in, V2}, E}]),
                            E
                    end
            end
    end.

%% The next number of a counter in the neighbour table.
next(NT, Counter) ->
    [{Counter, N}] = ets:lookup(NT, Counter),
    ets:delete(NT, Counter),
    ets:insert(NT, {Counter, N + 1}),
    N.

edge({digraph, _, ET, _, _}, E) ->
    case ets:lookup(ET, E) of
        [Edge] -> Edge;
        [] -> false
    end.

no_edges({digraph, _, ET, _, _}) -> ets:info(ET, size).

edges({digraph, _, ET, _, _}) -> ets:select(ET, [{{'$1', '_', '_', '_'}, [], ['$1']}]).

edges(G, V) -> in_edges(G, V) ++ out_edges(G, V).

out_edges({digraph, _, _, NT, _}, V) -> [E || {_, E} <- ets:lookup(NT, {out, V})].

in_edges({digraph, _, _, NT, _}, V) -> [E || {_, E} <- ets:lookup(NT, {in, V})].

out_degree({digraph, _, _, NT, _}, V) -> length(ets:lookup(NT, {out, V})).

in_degree({digraph, _, _, NT, _}, V) -> length(ets:lookup(NT, {in, V})).

%% The other ends of a vertex's edges, the last added first.
out_neighbours({digraph, _, ET, _, _} = G, V) ->
    lists:foldl(fun(E, Acc) -> [ets:lookup_element(ET, E, 3) | Acc] end, [], out_edges(G, V)).

in_neighbours({digraph, _, ET, _, _} = G, V) ->
    lists:foldl(fun(E, Acc) -> [ets:lookup_element(ET, E, 2) | Acc] end, [], in_edges(G, V)).

del_edge({digraph, _, ET, NT, _}, E) ->
    case ets:lookup(ET, E) of
        [{E, V1, V2, _}] ->
            ets:delete_object(NT, {{out, V1}, E}),
            ets:delete_object(NT, {{in, V2}, E}),
            ets:delete(ET, E);
        [] ->
            true
    end.

del_edges(G, Es) ->
    lists:foreach(fun(E) -> del_edge(G, E) end, Es),
    true.

%% Deletes the edges of paths from V1 to V2 until there is none.
del_path(G, V1, V2) ->
    case get_path(G, V1, V2) of
        false ->
            true;
        Path ->
            del_path_edges(G, Path),
            del_path(G, V1, V2)
    end.

del_path_edges(G, [V1, V2 | Vs]) ->
    Es = [E || E <- out_edges(G, V1), element(3, edge(G, E)) =:= V2],
    del_edges(G, Es),
    del_path_edges(G, [V2 | Vs]);
del_path_edges(_G, _) ->
    true.

%% ---------------------------------------------------------------------
%% Paths

%% A path from V1 to V2, found depth first.
get_path(G, V1, V2) -> path(G, V1, V2, 1).

%% A cycle through V: a path of at least one other vertex, else the loop [V], else false.
get_cycle(G, V) ->
    case path(G, V, V, 2) of
        false ->
            case lists:member(V, out_neighbours(G, V)) of
                true -> [V];
                false -> false
            end;
        Path ->
            Path
    end.

%% Depth first from From, following neighbours in out_neighbours/2's order; a path must
%% pass at least Min vertices before To.
path(G, From, To, Min) ->
    dfs(out_neighbours(G, From), To, [], [From], [From], Min, G).

dfs([To | _], To, _Stack, _Seen, Path, Min, _G) when length(Path) >= Min ->
    lists:reverse(Path, [To]);
dfs([To | Ns], To, Stack, Seen, Path, Min, G) ->
    dfs(Ns, To, Stack, Seen, Path, Min, G);
dfs([N | Ns], To, Stack, Seen, Path, Min, G) ->
    case lists:member(N, Seen) of
        true -> dfs(Ns, To, Stack, Seen, Path, Min, G);
        false -> dfs(out_neighbours(G, N), To, [{Ns, Path} | Stack], [N | Seen], [N | Path], Min, G)
    end;
dfs([], To, [{Ns, Path} | Stack], Seen, _, Min, G) ->
    dfs(Ns, To, Stack, Seen, Path, Min, G);
dfs([], _, [], _, _, _, _) ->
    false.

%% A shortest path from V1 to V2 (breadth first, edges in the order added).
get_short_path(G, V1, V2) ->
    bfs(G, V2, queue:from_list([V1]), #{V1 => start}).

%% The shortest cycle through V.
get_short_cycle(G, V) -> get_short_path(G, V, V).

bfs(G, To, Queue, Parents) ->
    case queue:out(Queue) of
        {empty, _} ->
            false;
        {{value, V}, Rest} ->
            Next = [element(3, edge(G, E)) || E <- out_edges(G, V)],
            case lists:member(To, Next) of
                true ->
                    back(Parents, V, [To]);
                false ->
                    Fresh = dedup(Next, Parents),
                    Parents1 = lists:foldl(fun(N, P) -> P#{N => V} end, Parents, Fresh),
                    bfs(G, To, lists:foldl(fun queue:in/2, Rest, Fresh), Parents1)
            end
    end.

%% The vertices not seen before, each once, in order.
dedup(Ns, Seen) -> dedup(Ns, Seen, []).

dedup([N | Ns], Seen, Acc) ->
    case maps:is_key(N, Seen) orelse lists:member(N, Acc) of
        true -> dedup(Ns, Seen, Acc);
        false -> dedup(Ns, Seen, [N | Acc])
    end;
dedup([], _, Acc) ->
    lists:reverse(Acc).

back(Parents, V, Path) ->
    case maps:get(V, Parents) of
        start -> [V | Path];
        Parent -> back(Parents, Parent, [V | Path])
    end.
