%% The merges of lists sorted in descending order: rmerge/2,3, rmerge3/3, rumerge/2,3,
%% rumerge3/3, rkeymerge/3 and rukeymerge/3, with equal elements (1 and 1.0) showing which
%% list each comes from.
-module(lib_lists_rmerge).
-export([main/0]).
main() ->
    Cs = [{[1.0],[1]}, {[1],[1.0]}, {[1.0,1.0],[1]}, {[1.0],[1,1]}, {[2,1.0],[1]}, {[1.0],[2,1]},
          {[1.0,0],[1,0.0]}, {[3,1.0],[1,1,0]}, {[3,1,1],[1.0,0]}, {[1.0,1],[1,1.0]}, {[], [2,1]}, {[2,1], []}],
    F = fun(X, Y) -> X =< Y end,
    [io:format("~w ~w -> ~w ~w ~w ~w~n", [A, B, lists:rumerge(A, B), lists:rumerge(F, A, B), lists:rmerge(A, B), lists:rmerge(F, A, B)]) || {A, B} <- Cs],
    T3 = [{[1],[1.0],[1]}, {[1.0],[1],[1]}, {[1],[1],[1.0]}, {[2],[1.0],[1]}, {[9,3],[8,2],[7,1]}, {[9,3],[9,2],[7,3]}],
    [io:format("~w ~w ~w -> ~w ~w~n", [A, B, C, lists:rmerge3(A, B, C), lists:rumerge3(A, B, C)]) || {A, B, C} <- T3],
    K = [{[{3,a},{1,b}], [{3,c},{2,d}]}, {[{3,a},{1,b}], [{3,a},{1,c}]}, {[{3,a},{1,b}], [{3,c},{1,b}]}, {[{1.0,x}], [{1,y},{1,z}]}],
    [io:format("~w ~w -> ~w ~w~n", [A, B, lists:rkeymerge(1, A, B), lists:rukeymerge(1, A, B)]) || {A, B} <- K],
    ok.
