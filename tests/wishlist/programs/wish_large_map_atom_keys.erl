%% BEAM orders the keys of a map of more than 32 keys by a hash that, for atoms, is
%% taken over the atom's index in its atom table: an accident of what the node loaded
%% first. ember hashes its own atom index, so these keys come out in another order.
-module(wish_large_map_atom_keys).
-export([main/0]).

main() ->
    M = maps:from_list([{list_to_atom("key" ++ integer_to_list(I)), I} || I <- lists:seq(1, 40)]),
    io:format("~p~n", [maps:keys(M)]),
    T = maps:from_list([{{t, I}, I} || I <- lists:seq(1, 40)]),
    io:format("~w~n", [maps:values(T)]).
