-module(undefined_export).
-export([f/0, h/2]).
f() -> ok.
