-module(bignum_compare).
-export([main/0]).

main() ->
    Big = 1 bsl 70,
    io:format("big > small: ~p~n", [Big > 5]),
    io:format("neg big < small: ~p~n", [-Big < -5]),
    io:format("big == float: ~p~n", [Big == float(Big)]),
    io:format("big =:= float: ~p~n", [Big =:= float(Big)]),
    io:format("big < float 1e22: ~p~n", [Big < 1.0e22]),
    io:format("big > float 1e20: ~p~n", [Big > 1.0e20]),
    io:format("big+1 > float(big): ~p~n", [Big + 1 > float(Big)]),
    io:format("big+1 == float(big): ~p~n", [Big + 1 == float(Big)]),
    io:format("2^53+1 vs float: ~p~n", [(1 bsl 53) + 1 == float((1 bsl 53) + 1)]),
    io:format("2^53+1 > float: ~p~n", [(1 bsl 53) + 1 > float((1 bsl 53) + 1)]),
    io:format("sort: ~p~n", [lists:sort([Big, 1.0e21, -Big, 0, 1.0e-5, Big - 1, float(Big)])]),
    io:format("max: ~p~n", [lists:max([Big, 1.0e21])]),
    io:format("min: ~p~n", [lists:min([-Big, -1.0e30])]),
    io:format("equal bigs: ~p~n", [(1 bsl 100) =:= (1 bsl 100)]),
    io:format("bigs in tuple compare: ~p~n", [{1 bsl 100, a} < {1 bsl 100, b}]),
    io:format("big vs atom: ~p~n", [Big < atom]),
    io:format("huge float compare: ~p~n", [(1 bsl 1100) > 1.0e308]),
    ok.
