%% A map of more than 32 keys is written in the order of BEAM's hash trie.
-module(etf_large_map_order).
-export([main/0]).

main() ->
    M = maps:from_list([{I, I} || I <- lists:seq(1, 33)]),
    B = term_to_binary(M),
    io:format("~w~n", [B]),
    io:format("~p~n", [binary_to_term(B) =:= M]).
