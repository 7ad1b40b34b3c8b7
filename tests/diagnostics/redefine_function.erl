-module(redefine_function).
-export([f/0]).
f() -> 1.
f() -> 2.
