-module(two_errors).
-export([f/0, g/0]).
f() -> X.
g() -> Y.
