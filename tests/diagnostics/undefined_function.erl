-module(undefined_function).
-export([f/0]).
f() -> g(1).
