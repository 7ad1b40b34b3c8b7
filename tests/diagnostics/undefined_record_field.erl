-module(undefined_record_field).
-export([f/0]).
-record(r, {a, b}).
f() -> #r{c = 1}.
