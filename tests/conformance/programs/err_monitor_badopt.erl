%% An uncaught monitor/3 with an option it does not know.
-module(err_monitor_badopt).
-export([main/0]).

main() ->
    monitor(process, some_registered_name, [{alias, sometimes}]).
