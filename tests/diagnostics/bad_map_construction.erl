-module(bad_map_construction).
-export([f/0]).
f() -> #{a := 1}.
