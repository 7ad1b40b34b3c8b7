-module(pretty_binaries).
-export([main/0]).

main() ->
    io:format("~p~n", [<<"abc">>]),
    io:format("~p~n", [<<1, 2, 3>>]),
    io:format("~p~n", [<<>>]),
    io:format("~p~n", [<<"hello", 0>>]),
    io:format("~p~n", [<<"with\nnewline\tand tab">>]),
    io:format("~p~n", [list_to_binary(lists:duplicate(100, $x))]),
    io:format("~p~n", [list_to_binary(lists:seq(0, 99))]),
    io:format("~p~n", [list_to_binary(lists:seq(1, 255))]),
    io:format("~p~n", [<<"The quick brown fox jumps over the lazy dog. The quick brown fox jumps over the lazy dog again.">>]),
    io:format("~p~n", [[<<"a">>, <<"bb">>, <<"ccc">>]]),
    io:format("~p~n", [{bin, <<1:1>>, <<1:7>>, <<255, 1:2>>}]),
    io:format("~p~n", [<<"quote\"back\\slash">>]),
    io:format("~w~n", [<<"abc">>]),
    io:format("~P~n", [list_to_binary(lists:seq(1, 50)), 5]),
    io:format("~P~n", [<<"a string binary that goes on">>, 5]),
    io:format("~p~n", [[<<"k">>, {<<"v">>, <<"w">>}]]),
    ok.
