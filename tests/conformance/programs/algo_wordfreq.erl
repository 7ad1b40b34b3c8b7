-module(algo_wordfreq).
-export([main/0]).

text() ->
    "It was the best of times, it was the worst of times, it was the age of wisdom, "
    "it was the age of foolishness, it was the epoch of belief, it was the epoch of "
    "incredulity, it was the season of Light, it was the season of Darkness".

main() ->
    Words = [string:to_lower(W) || W <- string:tokens(text(), " ,")],
    io:format("total words: ~p~n", [length(Words)]),
    Freq = lists:foldl(fun(W, M) -> maps:put(W, maps:get(W, M, 0) + 1, M) end, #{}, Words),
    io:format("distinct: ~p~n", [maps:size(Freq)]),
    Sorted = lists:sort(fun({W1, C1}, {W2, C2}) -> {C2, W1} =< {C1, W2} end, maps:to_list(Freq)),
    [io:format("~-12s ~2b ~s~n", [W, C, lists:duplicate(C, $*)]) || {W, C} <- lists:sublist(Sorted, 8)],
    ByLen = lists:foldl(fun(W, M) -> L = length(W), M#{L => lists:usort([W | maps:get(L, M, [])])} end, #{}, Words),
    io:format("by length: ~p~n", [ByLen]),
    Longest = lists:foldl(fun(W, Best) when length(W) > length(Best) -> W; (_, Best) -> Best end, "", Words),
    io:format("longest: ~p~n", [Longest]),
    ok.
