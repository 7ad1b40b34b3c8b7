%% An uncaught error on a table that does not exist: erl explains the table argument.
-module(err_ets_missing_table).
-export([main/0]).

main() ->
    ets:insert(no_such_table, {a, 1}).
