%% The ?LOG_* macros of logger.hrl, process metadata, and primary and handler filters
%% (dropping, passing on, rewriting events), as erl's default handler prints the result.
-module(logger_macros).
-export([main/0]).
-include_lib("kernel/include/logger.hrl").

main() ->
    ?LOG_ERROR("macro error ~p", [1]),
    ?LOG_WARNING("macro warning"),
    ?LOG_NOTICE(#{what => report, n => 2}),
    ?LOG_INFO("info is below the level"),
    ?LOG(error, "through ?LOG ~s", ["text"]),
    ?LOG_ERROR("with metadata", [], #{extra => 1}),
    Loc = ?LOCATION,
    logger:notice("location keys ~p", [lists:sort(maps:keys(Loc))]),
    logger:notice("mfa ~p", [maps:get(mfa, Loc)]),
    logger:notice("no metadata: ~p", [logger:get_process_metadata()]),
    ok = logger:set_process_metadata(#{request => 7}),
    ok = logger:update_process_metadata(#{user => bob}),
    logger:notice("metadata: ~p", [logger:get_process_metadata()]),
    %% A primary filter that drops events whose metadata says so, one that rewrites.
    ok = logger:add_primary_filter(drop_secret,
                                   {fun(#{meta := #{secret := true}}, _) -> stop;
                                       (_, _) -> ignore
                                    end, []}),
    logger:error("dropped", [], #{secret => true}),
    logger:error("kept", [], #{secret => false}),
    ok = logger:add_primary_filter(upper,
                                   {fun(#{msg := {Format, Args}} = E, Prefix) ->
                                            E#{msg := {Prefix ++ Format, Args}};
                                       (E, _) -> E
                                    end, "[filtered] "}),
    logger:error("rewritten ~p", [x]),
    logger:notice("filters: ~p", [[Id || {Id, _} <- maps:get(filters, logger:get_primary_config())]]),
    logger:notice("again: ~p", [logger:add_primary_filter(upper, {fun(E, _) -> E end, []})]),
    ok = logger:remove_primary_filter(upper),
    logger:notice("remove missing: ~p", [logger:remove_primary_filter(upper)]),
    %% A filter of the default handler.
    ok = logger:add_handler_filter(default, no_warnings,
                                   {fun(#{level := warning}, _) -> stop; (E, _) -> E end, []}),
    logger:warning("a warning the handler drops"),
    logger:error("an error the handler prints"),
    ok = logger:remove_handler_filter(default, no_warnings),
    logger:warning("a warning again"),
    logger:unset_process_metadata(),
    logger:notice("unset: ~p", [logger:get_process_metadata()]),
    ok.
