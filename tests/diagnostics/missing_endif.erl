-module(missing_endif).
-ifdef(FOO).
-export([f/0]).
f() -> ok.
