-module(unbalanced_endif).
-endif.
-export([f/0]).
f() -> ok.
