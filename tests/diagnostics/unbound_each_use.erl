-module(unbound_each_use).
-export([a/0, b/1, c/1]).

a() -> {Y, Y, [Z, Z]}.

b(X) -> f(Q, X, Q).

c(X) -> X + W + W.

f(_, _, _) -> ok.
