%% lists:keysort/2, ukeysort/2 and sort/2 on tuples whose keys tie (integers and floats of
%% the same value, equal atoms). keysort is stable except when the list starts with tuples
%% that are == as wholes and then turns down: OTP then gives that block back reversed.
%% sort/2 with a strict fun (<, >) puts tied elements the other way round.
-module(stdlib_lists_keysort_ties).
-export([main/0]).

main() ->
    Lists = lists(250, 2024, []),
    Lt = fun({A, _}, {B, _}) -> A < B end,
    Ge = fun({A, _}, {B, _}) -> A >= B end,
    lists:foreach(
      fun(L) ->
              io:format("~w~n~w~n~w~n", [lists:keysort(1, L), lists:keysort(2, L), lists:ukeysort(1, L)]),
              io:format("~w~n~w~n~w~n", [lists:sort(Lt, L), lists:sort(Ge, L), lists:usort(Lt, L)])
      end, Lists),
    io:format("~w~n", [lists:keysort(1, [{1, a}, {1.0, a}, {0, b}, {5, c}])]),
    io:format("~w~n", [lists:keysort(1, [{1, a}, {1.0, a}, {1, a}, {0, b}, {1.0, c}])]),
    io:format("~w~n", [lists:keysort(2, [{x, 1}, {x, 1.0}, {y, 0}])]),
    io:format("~w~n", [lists:keysort(1, [{b}, {a}])]),
    io:format("~w~n", [lists:keysort(3, [{only}])]),
    io:format("~w~n", [error_of(fun() -> lists:keysort(2, [{1}, {2}, {3}, {4}]) end)]),
    io:format("~w~n", [error_of(fun() -> lists:keysort(0, [{1}, {2}]) end)]),
    io:format("~w~n", [error_of(fun() -> lists:keysort(1, [{1}, {2} | improper]) end)]),
    ok.

error_of(F) ->
    try F() catch Class:Reason -> {Class, Reason} end.

%% N lists of lengths 0..30 of pairs {Key, Value}: keys from 0, 1, 1.0, 2, 2.0, values
%% a or b, from a linear congruential generator (the same numbers on every VM).
lists(0, _, Acc) -> lists:reverse(Acc);
lists(N, Seed0, Acc) ->
    {Len, Seed1} = next(Seed0, 31),
    {L, Seed2} = elems(Len, Seed1, []),
    lists(N - 1, Seed2, [L | Acc]).

elems(0, Seed, Acc) -> {Acc, Seed};
elems(K, Seed0, Acc) ->
    {Kx, Seed1} = next(Seed0, 5),
    {Vx, Seed2} = next(Seed1, 2),
    Key = element(Kx + 1, {0, 1, 1.0, 2, 2.0}),
    Value = element(Vx + 1, {a, b}),
    elems(K - 1, Seed2, [{Key, Value} | Acc]).

next(Seed, Range) ->
    S = (Seed * 1103515245 + 12345) band 16#7FFFFFFF,
    {(S bsr 16) rem Range, S}.
