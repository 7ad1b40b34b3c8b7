%% logger: filter_default stop, fun messages (also through the
%% macros), and which metadata wins: the location, then the process metadata, then the
%% call's own.
-module(logger_filter_rules).
-export([main/0]).
-include_lib("kernel/include/logger.hrl").
main() ->
    ok = logger:set_primary_config(filter_default, stop),
    logger:error("dropped: no filter passes it"),
    ok = logger:add_primary_filter(pass_errors, {fun(#{level := error} = E, _) -> E; (_, _) -> ignore end, []}),
    logger:error("passed by a filter"),
    logger:warning("ignored, so dropped"),
    ok = logger:set_primary_config(filter_default, log),
    ok = logger:remove_primary_filter(pass_errors),
    logger:notice(fun(X) -> {"fun ~p", [X]} end, arg),
    logger:notice(fun(X) -> {"fun meta ~p", [X]} end, arg2, #{m => 1}),
    ?LOG_NOTICE(fun(X) -> {"macro fun ~p", [X]} end, arg3),
    logger:set_process_metadata(#{line => 999}),
    ok = logger:add_primary_filter(show_line, {fun(#{meta := #{line := L}} = E, _) -> E#{msg := {"line ~p", [L]}}; (E, _) -> E end, []}),
    ?LOG_NOTICE("x"),
    ?LOG_NOTICE("y", [], #{line => 5}),
    ok = logger:remove_primary_filter(show_line),
    logger:notice("~p", [try logger:set_process_metadata(x) catch error:E -> E end]),
    ok.
