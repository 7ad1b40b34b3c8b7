-module(err_nested_stack).
-export([main/0]).

main() ->
    io:format("starting deep call~n"),
    Result = level_one(3),
    io:format("result ~p~n", [Result]).

level_one(N) -> {one, level_two(N + 1)}.
level_two(N) -> {two, level_three(N * 2)}.
level_three(N) -> {three, 100 div (N - 8)}.
