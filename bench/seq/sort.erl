%% Sorting one million pseudo-random integers with lists:sort/1.
-module(sort).
-export([main/0]).

main() ->
    L = gen(1000000, 42, []),
    ember_bench:run(fun() -> S = lists:sort(L), {length(S), hd(S), lists:last(S)} end).

gen(0, _, Acc) -> Acc;
gen(N, X, Acc) ->
    X1 = (X * 1103515245 + 12345) band 16#7FFFFFFF,
    gen(N - 1, X1, [X1 | Acc]).
