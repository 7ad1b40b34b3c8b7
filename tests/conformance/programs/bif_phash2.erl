-module(bif_phash2).
-export([main/0]).

main() ->
    Terms = [0, 1, -1, 42, 1 bsl 70, a, ok, '', [], [1, 2, 3], "hello", {}, {a, b},
             <<>>, <<"bin">>, 1.5, #{}, #{a => 1}, {nested, [1, {2}]}],
    [io:format("~p: ~p ~p~n", [T, erlang:phash2(T), erlang:phash2(T, 1000)]) || T <- Terms],
    io:format("range 1: ~p~n", [erlang:phash2(anything, 1)]),
    io:format("equal terms: ~p~n", [erlang:phash2([a, b]) =:= erlang:phash2([a, b])]),
    ok.
