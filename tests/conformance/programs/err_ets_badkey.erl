%% An uncaught ets:update_counter/3 on a key the table does not have.
-module(err_ets_badkey).
-export([main/0]).

main() ->
    ets:new(counters, [named_table]),
    ets:update_counter(counters, missing, 1).
