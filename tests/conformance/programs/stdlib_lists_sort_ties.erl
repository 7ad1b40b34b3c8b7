%% lists:sort/1 on lists whose elements tie under == (integers and floats of the same
%% value): the order of tied elements follows OTP's merge sort, which keeps input order
%% when it reads the list as ascending and turns some ties around when descending.
-module(stdlib_lists_sort_ties).
-export([main/0]).

main() ->
    Lists = lists(300, 12345, []),
    lists:foreach(fun(L) -> io:format("~w~n", [lists:sort(L)]) end, Lists),
    io:format("~w~n", [lists:sort([{1, a}, {1.0, a}, {0, b}, {5, c}])]),
    io:format("~w~n", [lists:sort([[1], [1.0], [1], [0.0], [2]])]),
    io:format("~w~n", [lists:usort([2.0, 1, 1.0, 2, 0.0, 0])]),
    io:format("~w~n", [lists:merge([1, 2.0], [1.0, 2])]),
    ok.

%% N lists of lengths 0..40 over the values 0..4, each an integer or a float, from a
%% linear congruential generator (the same numbers on every VM).
lists(0, _, Acc) -> lists:reverse(Acc);
lists(N, Seed0, Acc) ->
    {Len, Seed1} = next(Seed0, 41),
    {L, Seed2} = elems(Len, Seed1, []),
    lists(N - 1, Seed2, [L | Acc]).

elems(0, Seed, Acc) -> {Acc, Seed};
elems(K, Seed0, Acc) ->
    {V, Seed1} = next(Seed0, 5),
    {F, Seed2} = next(Seed1, 2),
    E = case F of 0 -> V; 1 -> float(V) end,
    elems(K - 1, Seed2, [E | Acc]).

next(Seed, Range) ->
    S = (Seed * 1103515245 + 12345) band 16#7FFFFFFF,
    {(S bsr 16) rem Range, S}.
