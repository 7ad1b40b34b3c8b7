-module(fmt_large_map_print).
-export([main/0]).

%% Maps with more than 32 keys use a hashed representation; printing them
%% exposes the internal key order.
main() ->
    M33 = maps:from_list([{I, I * I} || I <- lists:seq(1, 33)]),
    io:format("~p~n", [M33]),
    io:format("~w~n", [M33]),
    Bins = maps:from_list([{list_to_binary("k" ++ integer_to_list(I)), I} || I <- lists:seq(1, 40)]),
    io:format("~p~n", [Bins]),
    Mixed = maps:from_list([{I, x} || I <- lists:seq(1, 20)] ++ [{integer_to_list(I), y} || I <- lists:seq(1, 20)]
                           ++ [{{I, [I]}, z} || I <- lists:seq(1, 5)]),
    io:format("~p~n", [Mixed]),
    io:format("keys: ~w~n", [maps:keys(M33)]),
    io:format("values: ~w~n", [maps:values(M33)]),
    io:format("fold order: ~w~n", [maps:fold(fun(K, _, Acc) -> [K | Acc] end, [], M33)]),
    Big = maps:from_list([{I, <<I:16>>} || I <- lists:seq(1, 100)]),
    io:format("~P~n", [Big, 8]),
    io:format("~p~n", [#{nested => Big}]),
    ok.
