-module(wish_phash2_nested).
-export([main/0]).

main() ->
    Terms = [{a, {b, {c, {d, [1, 2, 3]}}}},
             [[[[[]]]]],
             #{a => #{b => #{c => [x, y, z]}}},
             maps:from_list([{I, I} || I <- lists:seq(1, 40)]),
             lists:seq(1, 1000),
             list_to_tuple(lists:seq(1, 300)),
             1 bsl 200,
             -(1 bsl 200),
             123456789012345678901234567890,
             3.141592653589793,
             -0.0,
             0.0,
             <<"a binary of moderate length, longer than a few bytes">>,
             <<1:3>>,
             <<0:1000>>,
             "unicode \x{263A}",
             [a | b],
             {[], {}, <<>>, #{}},
             'atom with spaces',
             'é'],
    [io:format("~p ~p ~p~n", [I, erlang:phash2(T), erlang:phash2(T, 65536)])
     || {I, T} <- lists:zip(lists:seq(1, length(Terms)), Terms)],
    io:format("~p~n", [erlang:phash2(Terms)]),
    io:format("~p~n", [erlang:phash(Terms, 1 bsl 32)]),
    io:format("~p~n", [[erlang:phash2(I, 7) || I <- lists:seq(1, 30)]]),
    ok.
