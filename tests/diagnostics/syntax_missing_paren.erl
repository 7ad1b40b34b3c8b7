-module(syntax_missing_paren).
-export([f/0]).
f() -> foo(1, 2.
