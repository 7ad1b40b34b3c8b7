-module(undefined_record).
-export([f/0]).
f() -> #nope{a = 1}.
