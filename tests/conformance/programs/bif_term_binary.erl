-module(bif_term_binary).
-export([main/0]).

main() ->
    Terms = [0, 1, 255, 256, -1, 1000000, 1 bsl 40, -(1 bsl 40), 1 bsl 100,
             a, abc, '', [], [1, 2], "abc", [a | b], {}, {a, 1}, <<>>, <<1, 2, 3>>,
             <<1:3>>, 1.0, -2.5, #{}, #{a => 1}, [{k, "v"}], true],
    lists:foreach(fun(T) ->
                          B = term_to_binary(T),
                          Back = binary_to_term(B),
                          io:format("~p: ~w rt=~p~n", [T, B, Back =:= T])
                  end, Terms),
    Nested = {deep, [1, {2, [3, {4, <<"five">>}]}], #{k => [x, y]}},
    io:format("nested rt: ~p~n", [binary_to_term(term_to_binary(Nested)) =:= Nested]),
    io:format("nested size: ~p~n", [byte_size(term_to_binary(Nested))]),
    io:format("from literal: ~p~n", [binary_to_term(<<131, 104, 2, 100, 0, 2, 111, 107, 97, 7>>)]),
    io:format("small atom utf8: ~p~n", [binary_to_term(<<131, 119, 3, 102, 111, 111>>)]),
    io:format("string ext: ~p~n", [binary_to_term(<<131, 107, 0, 3, 1, 2, 3>>)]),
    io:format("bad binary: ~p~n", [try binary_to_term(id(<<1, 2, 3>>)) catch error:E -> E end]),
    ok.

id(X) -> X.
