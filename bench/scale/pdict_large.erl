%% A process dictionary of 100,000 keys: put each, read each back twice, erase half.
-module(pdict_large).
-export([main/0]).

main() -> ember_bench:run(fun() -> run(100000) end).

run(N) ->
    Keys = lists:seq(1, N),
    [put({key, K}, K) || K <- Keys],
    S1 = lists:sum([get({key, K}) || K <- Keys]),
    [erase({key, K}) || K <- Keys, K rem 2 =:= 0],
    S2 = lists:sum([V || K <- Keys, (V = get({key, K})) =/= undefined]),
    {S1, S2, length(get_keys())}.
