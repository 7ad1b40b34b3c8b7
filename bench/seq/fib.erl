%% Naive doubly recursive Fibonacci: calls and integer arithmetic.
-module(fib).
-export([main/0]).

main() -> ember_bench:run(fun() -> fib(30) end).

fib(0) -> 0;
fib(1) -> 1;
fib(N) -> fib(N - 1) + fib(N - 2).
