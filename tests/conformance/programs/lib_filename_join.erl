%% filename:join/1,2 tidies the path it makes: no empty components, no trailing separator,
%% no "." component except a relative path's first or a final one; a binary part makes a
%% binary result. Also math:erf/erfc far out in the tails.
-module(lib_filename_join).
-export([main/0]).

main() ->
    Cases = [{"a/./b", "c"}, {"a//b", "c"}, {"a", "b/c/"}, {"", "x"}, {"a", <<"b">>},
             {<<"a">>, "b"}, {"/", "x"}, {"a/", "/b"}, {"a", "../b"}, {"./a", "b"}, {".", "b"},
             {"a", "."}, {"a", ""}, {a, b}, {"//a", "b"}, {"a", "./"}, {"./", "./"},
             {"a/.", "b"}, {".", ".."}, {"/a/", "b//"}, {"x", [$y, "z"]}, {"", ""},
             {"/./a", "b"}, {"a", "./."}, {".", "."}, {"././a", "b"}, {"", "./x"}, {"", "."},
             {"/", "/"}, {"a", ".//"}],
    [io:format("~p ~p -> ~p~n", [A, B, filename:join(A, B)]) || {A, B} <- Cases],
    io:format("~p~n", [filename:join(["/", "usr", "./lib/", "x.erl"])]),
    io:format("~p~n", [filename:join(["a"])]),
    io:format("~p~n", [filename:join(["a/", "b/"])]),
    io:format("~p~n", [filename:join([<<"a">>, "b", c])]),
    io:format("~p~n", [element(1, element(2, catch filename:join([])))]),
    io:format("~p ~p ~p~n", [math:erfc(10), math:erfc(3), math:erf(0.5)]),
    io:format("~p ~p~n", [math:erfc(-2), math:erf(-1.5)]).
