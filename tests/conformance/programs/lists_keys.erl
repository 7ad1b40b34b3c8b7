-module(lists_keys).
-export([main/0]).

main() ->
    People = [{alice, 30, london}, {bob, 25, paris}, {carol, 35, berlin}, {dave, 25, rome}],
    io:format("keyfind: ~p~n", [lists:keyfind(bob, 1, People)]),
    io:format("keyfind pos2: ~p~n", [lists:keyfind(25, 2, People)]),
    io:format("keyfind missing: ~p~n", [lists:keyfind(zed, 1, People)]),
    io:format("keysort 2: ~p~n", [lists:keysort(2, People)]),
    io:format("keysort 3: ~p~n", [lists:keysort(3, People)]),
    io:format("keystore replace: ~p~n", [lists:keystore(bob, 1, People, {bob, 26, oslo})]),
    io:format("keystore add: ~p~n", [lists:keystore(eve, 1, People, {eve, 40, madrid})]),
    io:format("keydelete: ~p~n", [lists:keydelete(carol, 1, People)]),
    io:format("keydelete missing: ~p~n", [lists:keydelete(zed, 1, People)]),
    io:format("keyfind float key: ~p~n", [lists:keyfind(1, 1, [{1.0, float}, {1, int}])]),
    Props = [{a, 1}, {b, 2}, {a, 3}],
    io:format("first a: ~p~n", [lists:keyfind(a, 1, Props)]),
    io:format("all a: ~p~n", [[V || {a, V} <- Props]]),
    io:format("keysort stable: ~p~n", [lists:keysort(1, Props)]),
    ok.
