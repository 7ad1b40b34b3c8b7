-module(pretty_lists).
-export([main/0]).

main() ->
    io:format("~p~n", [lists:seq(1, 30)]),
    io:format("~p~n", [lists:seq(1, 100)]),
    io:format("~p~n", [[lists:seq(1, 10), lists:seq(11, 20), lists:seq(21, 30)]]),
    io:format("~p~n", [[[a, b], [c, [d, [e, [f, [g, [h]]]]]]]]),
    io:format("~p~n", [[{I, I * I} || I <- lists:seq(1, 15)]]),
    io:format("~p~n", [[alpha, beta, gamma, delta, epsilon, zeta, eta, theta, iota, kappa, lambda, mu, nu]]),
    io:format("~p~n", [["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"]]),
    io:format("~p~n", [[lists:duplicate(20, $x), lists:duplicate(30, $y), lists:duplicate(40, $z)]]),
    io:format("~p~n", [lists:duplicate(100, $a)]),
    io:format("~p~n", [[1, 2 | improper_tail]]),
    io:format("~p~n", [lists:seq(1, 25) ++ tail]),
    io:format("prefix: ~p~n", [lists:seq(1, 30)]),
    io:format("a longer prefix here: ~p~n", [[{key, value}, {another_key, another_value}, {third, 3}]]),
    io:format("~w~n", [lists:seq(1, 40)]),
    io:format("~P~n", [lists:seq(1, 40), 10]),
    io:format("~P~n", [[[1, [2, [3, [4, [5]]]]]], 5]),
    io:format("~W~n", [lists:seq(1, 40), 10]),
    io:format("~P~n", [{a, {b, {c, {d, {e}}}}}, 4]),
    io:format("~P~n", ["a long string that is truncated", 5]),
    ok.
