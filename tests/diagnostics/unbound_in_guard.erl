-module(unbound_in_guard).
-export([f/1]).
f(A) when B > 0 -> A.
