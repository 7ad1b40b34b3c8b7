-module(include_nested).
-export([main/0]).

-include("nested_outer.hrl").
%% Including again is harmless thanks to the include guard.
-include("config.hrl").

main() ->
    io:format("app: ~s~n", [?APP_NAME]),
    io:format("version: ~p~n", [?VERSION]),
    io:format("outer: ~p~n", [?OUTER_VALUE]),
    S = #settings{},
    io:format("settings: ~p~n", [S]),
    S2 = S#settings{verbose = true, tags = [a, b]},
    io:format("updated: ~p~n", [S2]),
    ?LOG(1, "shown"),
    ?LOG(3, "hidden"),
    ?LOG(2, "edge"),
    io:format("guard defined: ~p~n", [?CONFIG_HRL]),
    ok.

log_line(Level, Msg) when Level =< ?DEBUG_LEVEL -> io:format("[~p] ~s~n", [Level, Msg]);
log_line(_, _) -> ok.
