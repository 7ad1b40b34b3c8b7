%% Maps of more than 32 keys of every kind whose order BEAM's hash trie fixes without
%% atoms: integers of every size, floats, binaries and bitstrings, strings and other lists,
%% tuples, maps, and the booleans.
-module(stdlib_maps_hash_order).
-export([main/0]).

main() ->
    show(ints, [I * 37 - 600 || I <- lists:seq(1, 40)]),
    show(bigs, [(1 bsl 59) - 2, (1 bsl 59) - 1, 1 bsl 59, -(1 bsl 59), -(1 bsl 59) - 1,
                1 bsl 63, -(1 bsl 63), 1 bsl 64, -(1 bsl 64), 1 bsl 100, 1 bsl 200 + 7,
                -(1 bsl 130) | [I * I * I * I * I * I * I * I * I || I <- lists:seq(10, 40)]]),
    show(floats, [0.0, -0.0001, 1.5, -1.5, 1.0e100, 3.25e-9 | [I / 7 || I <- lists:seq(1, 30)]]),
    show(binaries, [<<>>, <<0>>, <<1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12>>,
                    <<"thirteen byte">>, list_to_binary(lists:seq(1, 40)) |
                    [<<I:16, (I * 3):8>> || I <- lists:seq(1, 30)]]),
    show(bitstrings, [<<1:1>>, <<5:3>>, <<255, 3:2>>, <<1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13:5>> |
                      [<<I:13>> || I <- lists:seq(1, 30)]]),
    show(strings, ["", "a", "ab", "abc", "abcd", "abcde", "hello world", [300, 400], [1, 300, 2],
                   [1, 2 | 3], [[1], [2]], "é" | [integer_to_list(I * 101) || I <- lists:seq(1, 30)]]),
    show(tuples, [{}, {1}, {1, 2}, {[], <<>>}, {1.0, {2, {3}}} | [{I, I * 2} || I <- lists:seq(1, 30)]]),
    show(maps, [#{}, #{1 => 2}, #{"k" => <<"v">>}, #{1 => 1, 2 => 2},
                maps:from_list([{I, I} || I <- lists:seq(1, 33)]) |
                [#{I => [I]} || I <- lists:seq(1, 30)]]),
    show(booleans, [true, false, [] | lists:seq(100, 132)]),
    Mixed = maps:from_list([{K, 0} || K <- [1, 1.0, -0.0, 2, 2.0, <<>>, [], {}, "x", <<"x">>, #{}]
                                       ++ lists:seq(50, 80)]),
    io:format("mixed: ~w~n", [maps:keys(Mixed)]),
    %% Removing keys down to 32 makes a small map again, in key order.
    Small = lists:foldl(fun maps:remove/2, Mixed, lists:seq(50, 60)),
    io:format("after remove: ~w~n", [maps:keys(Small)]),
    io:format("put back: ~w~n", [maps:keys(maps:put(50, 0, Small))]),
    io:format("sorted: ~p~n", [lists:sort(maps:keys(Mixed)) =:= lists:sort(maps:keys(Small) ++ lists:seq(50, 60))]),
    io:format("compare: ~p ~p~n", [Mixed < maps:put(80, 1, Mixed), maps:put(80, 1, Mixed) < Mixed]),
    ok.

show(Name, Keys) ->
    M = maps:from_list([{K, N} || {N, K} <- lists:enumerate(Keys)]),
    io:format("~p (~p keys):~n~w~n", [Name, map_size(M), maps:keys(M)]),
    io:format("~w~n", [maps:fold(fun(_, N, Acc) -> [N | Acc] end, [], M)]),
    io:format("~w~n", [maps:from_list(maps:to_list(M)) =:= M]).
