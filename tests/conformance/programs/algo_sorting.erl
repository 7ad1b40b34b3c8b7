-module(algo_sorting).
-export([main/0]).

main() ->
    Data = [38, 27, 43, 3, 9, 82, 10, 3, -5, 0, 100, 27, 64, 1],
    io:format("input:     ~w~n", [Data]),
    io:format("merge:     ~w~n", [msort(Data)]),
    io:format("insertion: ~w~n", [isort(Data)]),
    io:format("quick:     ~w~n", [qsort(Data)]),
    io:format("selection: ~w~n", [ssort(Data)]),
    io:format("bubble:    ~w~n", [bsort(Data)]),
    io:format("lists:     ~w~n", [lists:sort(Data)]),
    io:format("all agree: ~p~n", [lists:usort([msort(Data), isort(Data), qsort(Data), ssort(Data), bsort(Data), lists:sort(Data)]) =:= [lists:sort(Data)]]),
    Big = [(I * 7919) rem 1000 || I <- lists:seq(1, 3000)],
    io:format("big sorted ok: ~p~n", [msort(Big) =:= lists:sort(Big)]),
    io:format("big first/last: ~p ~p~n", [hd(msort(Big)), lists:last(msort(Big))]),
    Words = ["pear", "Apple", "fig", "banana", "apple", "Cherry", "date"],
    io:format("words: ~p~n", [msort(Words)]),
    io:format("by length: ~p~n", [lists:sort(fun(A, B) -> length(A) =< length(B) end, Words)]),
    io:format("case insensitive: ~p~n", [lists:sort(fun(A, B) -> string:to_lower(A) =< string:to_lower(B) end, Words)]),
    Recs = [{bob, 25}, {alice, 30}, {carol, 25}, {dave, 30}, {eve, 20}],
    io:format("keysort age: ~p~n", [lists:keysort(2, Recs)]),
    io:format("sort by age desc then name: ~p~n", [lists:sort(fun({N1, A1}, {N2, A2}) -> {A2, N1} =< {A1, N2} end, Recs)]),
    ok.

msort([]) -> [];
msort([X]) -> [X];
msort(L) ->
    {A, B} = lists:split(length(L) div 2, L),
    merge(msort(A), msort(B)).
merge([], B) -> B;
merge(A, []) -> A;
merge([X | A], [Y | _] = B) when X =< Y -> [X | merge(A, B)];
merge(A, [Y | B]) -> [Y | merge(A, B)].

isort(L) -> lists:foldl(fun ins/2, [], L).
ins(X, []) -> [X];
ins(X, [H | _] = L) when X =< H -> [X | L];
ins(X, [H | T]) -> [H | ins(X, T)].

qsort([]) -> [];
qsort([P | T]) ->
    {Lo, Hi} = lists:partition(fun(X) -> X < P end, T),
    qsort(Lo) ++ [P] ++ qsort(Hi).

ssort([]) -> [];
ssort(L) -> M = lists:min(L), [M | ssort(lists:delete(M, L))].

bsort(L) ->
    case pass(L) of
        {L2, true} -> bsort(L2);
        {L2, false} -> L2
    end.
pass([A, B | T]) when A > B -> {R, _} = pass([A | T]), {[B | R], true};
pass([A | T]) -> {R, S} = pass(T), {[A | R], S};
pass([]) -> {[], false}.
