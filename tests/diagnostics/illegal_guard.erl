-module(illegal_guard).
-export([f/1]).
f(X) when length(X) > 0, self() =:= foo(X) -> X.
foo(X) -> X.
