-module(illegal_character).
-export([f/0]).
f() -> 1 ` 2.
