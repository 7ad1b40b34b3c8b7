-module(syntax_bad_token).
-export([f/0]).
f() -> 1 + * 2.
