-module(recursion_body).
-export([main/0]).

main() ->
    io:format("len: ~p~n", [len(lists:seq(1, 100000))]),
    io:format("sum: ~p~n", [sum(100000)]),
    L = build(100000),
    io:format("build: ~p ~p ~p~n", [length(L), hd(L), lists:last(L)]),
    io:format("map: ~p~n", [lists:sum(double_all(L))]),
    io:format("append: ~p~n", [length(my_append(L, L))]),
    io:format("depth: ~p~n", [depth(nest(50000))]),
    io:format("fib 20 naive: ~p~n", [fib(20)]),
    io:format("hanoi 16 moves: ~p~n", [hanoi(16)]),
    ok.

len([]) -> 0;
len([_ | T]) -> 1 + len(T).

sum(0) -> 0;
sum(N) -> N + sum(N - 1).

build(0) -> [];
build(N) -> [N | build(N - 1)].

double_all([]) -> [];
double_all([H | T]) -> [2 * H | double_all(T)].

my_append([], B) -> B;
my_append([H | T], B) -> [H | my_append(T, B)].

nest(0) -> leaf;
nest(N) -> {node, nest(N - 1)}.

depth(leaf) -> 0;
depth({node, X}) -> 1 + depth(X).

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).

hanoi(0) -> 0;
hanoi(N) -> hanoi(N - 1) + 1 + hanoi(N - 1).
