-module(macro_arg_mismatch).
-export([f/0]).
-define(TWO(A, B), {A, B}).
f() -> ?TWO(1).
