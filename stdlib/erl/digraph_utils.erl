%% digraph_utils: algorithms on digraph graphs, with OTP 25's interface and results.
%%
%% Traversals visit neighbours in digraph's order (out_neighbours/2, in_neighbours/2) and
%% start from vertices in digraph:vertices/1's order; a list of trees comes last root
%% first, each tree's vertices last visited first, as OTP builds them. Since vertices/1
%% follows ETS order (term order here, hash order in erl), results that depend on where
%% traversals start may be ordered differently from erl's; their contents are the same.
-module(digraph_utils).

-export([components/1, strong_components/1, cyclic_strong_components/1,
         reachable/2, reachable_neighbours/2, reaching/2, reaching_neighbours/2,
         topsort/1, is_acyclic/1, loop_vertices/1, preorder/1, postorder/1,
         is_tree/1, is_arborescence/1, arborescence_root/1,
         subgraph/2, subgraph/3, condensation/1]).

components(G) -> forest(G, fun inout/3, digraph:vertices(G)).

strong_components(G) -> forest(G, fun in/3, revpostorder(G)).

cyclic_strong_components(G) ->
    [C || [V | _] = C <- strong_components(G), length(C) > 1 orelse reflexive(G, V)].

reachable(Vs, G) when is_list(Vs) -> lists:append(forest(G, fun out/3, Vs)).

reachable_neighbours(Vs, G) when is_list(Vs) -> lists:append(forest(G, fun out/3, Vs, first)).

reaching(Vs, G) when is_list(Vs) -> lists:append(forest(G, fun in/3, Vs)).

reaching_neighbours(Vs, G) when is_list(Vs) -> lists:append(forest(G, fun in/3, Vs, first)).

%% The vertices in an order where every edge goes forward, or false if there is a cycle.
topsort(G) ->
    L = revpostorder(G),
    case length(forest(G, fun in/3, L)) =:= length(digraph:vertices(G)) of
        true -> L;
        false -> false
    end.

is_acyclic(G) -> loop_vertices(G) =:= [] andalso topsort(G) =/= false.

loop_vertices(G) -> [V || V <- digraph:vertices(G), reflexive(G, V)].

preorder(G) -> lists:reverse(lists:append(forest(G, fun out/3, digraph:vertices(G)))).

postorder(G) -> lists:reverse(revpostorder(G)).

is_tree(G) ->
    digraph:no_edges(G) =:= digraph:no_vertices(G) - 1 andalso length(components(G)) =:= 1.

is_arborescence(G) -> arborescence_root(G) =/= no.

%% {yes, Root} if every vertex but Root has exactly one edge in and Root none.
arborescence_root(G) ->
    case digraph:no_edges(G) =:= digraph:no_vertices(G) - 1 of
        true ->
            Roots = [V || V <- digraph:vertices(G), digraph:in_degree(G, V) =:= 0],
            Others = [V || V <- digraph:vertices(G), digraph:in_degree(G, V) =/= 0],
            case {Roots, lists:all(fun(V) -> digraph:in_degree(G, V) =:= 1 end, Others)} of
                {[Root], true} -> {yes, Root};
                _ -> no
            end;
        false ->
            no
    end.

subgraph(G, Vs) -> subgraph(G, Vs, []).

%% The graph of the vertices Vs of G and the edges between them. Options: {type, inherit |
%% digraph:new/1's list} and {keep_labels, boolean()}.
subgraph(G, Vs, Opts) when is_list(Vs), is_list(Opts) ->
    lists:all(fun({type, _}) -> true; ({keep_labels, _}) -> true; (_) -> false end, Opts)
        orelse erlang:error(badarg),
    Type = case proplists:get_value(type, Opts, inherit) of
               inherit ->
                   Info = digraph:info(G),
                   [proplists:get_value(cyclicity, Info), proplists:get_value(protection, Info)];
               T when is_list(T) -> T;
               _ -> erlang:error(badarg)
           end,
    Keep = case proplists:get_value(keep_labels, Opts, true) of
               B when is_boolean(B) -> B;
               _ -> erlang:error(badarg)
           end,
    SG = digraph:new(Type),
    Present = [V || V <- Vs, digraph:vertex(G, V) =/= false],
    lists:foreach(fun(V) ->
                          {V, Label} = digraph:vertex(G, V),
                          digraph:add_vertex(SG, V, label(Keep, Label))
                  end, Present),
    lists:foreach(fun(V) ->
                          [begin
                               {E, V, W, Label} = digraph:edge(G, E),
                               case digraph:vertex(SG, W) of
                                   false -> ok;
                                   _ -> digraph:add_edge(SG, E, V, W, label(Keep, Label))
                               end
                           end || E <- digraph:out_edges(G, V)]
                  end, Present),
    SG.

label(true, Label) -> Label;
label(false, _) -> [].

%% The graph of G's strong components, with an edge between two of them if G has one
%% between their vertices.
condensation(G) ->
    SCs = strong_components(G),
    Of = maps:from_list([{V, SC} || SC <- SCs, V <- SC]),
    Info = digraph:info(G),
    CG = digraph:new([proplists:get_value(cyclicity, Info), proplists:get_value(protection, Info)]),
    lists:foreach(fun(SC) -> digraph:add_vertex(CG, SC) end, SCs),
    lists:foreach(fun(SC) ->
                          [begin
                               To = maps:get(W, Of),
                               case To =/= SC andalso not lists:member(To, digraph:out_neighbours(CG, SC)) of
                                   true -> digraph:add_edge(CG, SC, To);
                                   false -> ok
                               end
                           end || V <- SC, W <- digraph:out_neighbours(G, V)]
                  end, SCs),
    CG.

%% ---------------------------------------------------------------------
%% Traversals

reflexive(G, V) -> lists:member(V, digraph:out_neighbours(G, V)).

out(G, V, Stack) -> digraph:out_neighbours(G, V) ++ Stack.

in(G, V, Stack) -> digraph:in_neighbours(G, V) ++ Stack.

inout(G, V, Stack) -> in(G, V, out(G, V, Stack)).

forest(G, Next, Roots) -> forest(G, Next, Roots, not_first).

%% Depth-first trees from each root not yet seen: the last tree first, each tree's
%% vertices last seen first. With `first`, a root counts only when reached from itself.
forest(G, Next, Roots, HandleFirst) ->
    {Trees, _} = lists:foldl(fun(V, {Acc, Seen}) -> tree(HandleFirst, V, G, Next, Acc, Seen) end,
                             {[], #{}}, Roots),
    Trees.

tree(first, V, G, Next, Acc, Seen) -> grow(Next(G, V, []), G, Next, [], Acc, Seen);
tree(not_first, V, G, Next, Acc, Seen) ->
    case maps:is_key(V, Seen) of
        false -> grow([V], G, Next, [], Acc, Seen);
        true -> {Acc, Seen}
    end.

grow([V | Stack], G, Next, Tree, Acc, Seen) ->
    case maps:is_key(V, Seen) of
        false -> grow(Next(G, V, Stack), G, Next, [V | Tree], Acc, Seen#{V => true});
        true -> grow(Stack, G, Next, Tree, Acc, Seen)
    end;
grow([], _G, _Next, [], Acc, Seen) -> {Acc, Seen};
grow([], _G, _Next, Tree, Acc, Seen) -> {[Tree | Acc], Seen}.

%% The vertices in reverse postorder: a recursive depth-first walk from each vertex.
revpostorder(G) ->
    {Order, _} = lists:foldl(fun(V, {Acc, Seen}) -> post(V, G, Acc, Seen) end, {[], #{}},
                             digraph:vertices(G)),
    Order.

post(V, G, Acc, Seen) ->
    case maps:is_key(V, Seen) of
        true ->
            {Acc, Seen};
        false ->
            {Acc1, Seen1} = lists:foldl(fun(W, {A, S}) -> post(W, G, A, S) end, {Acc, Seen#{V => true}},
                                        digraph:out_neighbours(G, V)),
            {[V | Acc1], Seen1}
    end.
