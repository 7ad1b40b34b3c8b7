%% logger's calls as its default handler prints them (erl on standard output, ember on
%% standard error): levels, formats, reports as maps and lists, strings, and the primary
%% and module levels that let them through.
-module(logger_calls).
-export([main/0]).

main() ->
    logger:error("an error: ~p", [{a, 1}]),
    logger:warning("a warning~n"),
    logger:notice("a notice"),
    logger:info("an info, not shown"),
    logger:debug("a debug, not shown"),
    logger:critical("critical ~s", ["text"]),
    logger:alert("alert"),
    logger:emergency("emergency"),
    logger:error(#{what => failed, why => [1, 2, 3]}),
    logger:error([{key, value}, {other, "a string"}]),
    logger:warning("a string report"),
    logger:error("bad format ~p"),
    logger:error("bad args ~p ~p", [one]),
    logger:log(error, "through log/3 ~w", [x]),
    logger:log(warning, #{report => map}),
    logger:error(["deep ", ["string"]]),
    logger:error([{deep, ["x", "y"]}, {empty, ""}, {bin, <<"b">>}]),
    ok = logger:set_primary_config(level, info),
    logger:info("an info, shown now"),
    logger:debug("a debug, still not shown"),
    ok = logger:set_primary_config(level, error),
    logger:warning("a warning, not shown at error"),
    ok = logger:set_module_level(?MODULE, debug),
    logger:debug(#{from => module_level}, #{mfa => {?MODULE, main, 0}}),
    ok = logger:unset_module_level(?MODULE),
    ok = logger:set_primary_config(level, notice),
    logger:error("a long list: ~p", [lists:seq(1, 40)]),
    logger:error(#{long => lists:seq(1, 40), nested => #{a => [x, y, z]}}),
    ok = logger:set_primary_config(level, none),
    logger:emergency("nothing at none"),
    ok.
