%% application:start_type/0 (inside and outside the start of an application) and info/0.
-module(lib_application_info).
-behaviour(application).
-export([main/0, start/2, stop/1, init/1]).
main() ->
    io:format("outside: ~p~n", [application:start_type()]),
    ok = application:load({application, st, [{description, "x"}, {vsn, "1"}, {mod, {lib_application_info, []}}, {applications, [kernel, stdlib]}, {env, [{k, v}]}]}),
    ok = application:start(st),
    io:format("after: ~p~n", [application:start_type()]),
    I = application:info(),
    io:format("info keys: ~p~n", [[K || {K, _} <- I]]),
    io:format("running st: ~p~n", [lists:keymember(st, 1, proplists:get_value(running, I))]),
    io:format("loaded st: ~p~n", [lists:keyfind(st, 1, proplists:get_value(loaded, I))]),
    io:format("started: ~p~n", [proplists:get_value(started, I)]),
    ok.
start(Type, _) ->
    io:format("start type arg ~p, start_type() ~p~n", [Type, application:start_type()]),
    supervisor:start_link(?MODULE, []).
stop(_) -> ok.
init([]) -> {ok, {#{}, []}}.
