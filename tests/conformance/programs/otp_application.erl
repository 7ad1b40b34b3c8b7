-module(otp_application).
-export([main/0]).
-export([start/2, prep_stop/1, stop/1, init/1, handle_call/3, handle_cast/2]).

%% A small application: loading from an application description, its
%% environment, start and stop with a supervision tree, dependencies, errors.

%% application callbacks
start(normal, fail) -> {error, refused};
start(normal, junk) -> junk;
start(normal, Args) ->
    io:format("start ~p~n", [Args]),
    {ok, Sup} = supervisor:start_link({local, app_sup}, ?MODULE, sup),
    {ok, Sup, {state, Args}}.

prep_stop(State) ->
    io:format("prep_stop ~p~n", [State]),
    {prepped, State}.

stop(State) ->
    io:format("stop ~p~n", [State]).

%% supervisor and worker callbacks
init(sup) ->
    {ok, {#{}, [#{id => worker, start => {gen_server, start_link, [{local, app_worker}, ?MODULE, worker, []]}}]}};
init(worker) ->
    {ok, Greeting} = application:get_env(demo, greeting),
    {ok, Greeting}.

handle_call(greet, _From, G) -> {reply, G, G}.
handle_cast(_, G) -> {noreply, G}.

main() ->
    logger:set_primary_config(level, none),
    Descr = {application, demo,
             [{description, "Demo application"}, {vsn, "1.2.3"}, {modules, [?MODULE]},
              {registered, [app_sup, app_worker]}, {applications, [kernel, stdlib]},
              {mod, {?MODULE, demo_args}}, {env, [{greeting, "hello"}, {level, 3}]}]},
    io:format("load: ~p~n", [application:load(Descr)]),
    io:format("load again: ~p~n", [application:load(Descr)]),
    io:format("get_env: ~p~n", [application:get_env(demo, greeting)]),
    io:format("get_env missing: ~p~n", [application:get_env(demo, missing)]),
    io:format("get_env/3: ~p~n", [application:get_env(demo, missing, default)]),
    io:format("get_all_env: ~p~n", [lists:sort(application:get_all_env(demo))]),
    io:format("set_env: ~p~n", [application:set_env(demo, level, 4)]),
    io:format("unset_env: ~p~n", [application:unset_env(demo, nothing)]),
    io:format("get_all_env: ~p~n", [lists:sort(application:get_all_env(demo))]),
    io:format("get_key vsn: ~p~n", [application:get_key(demo, vsn)]),
    io:format("get_key mod: ~p~n", [application:get_key(demo, mod)]),
    io:format("get_key registered: ~p~n", [application:get_key(demo, registered)]),
    io:format("get_key unknown: ~p~n", [application:get_key(demo, unknown)]),
    io:format("get_key unknown app: ~p~n", [application:get_key(nope, vsn)]),
    io:format("loaded: ~p~n", [lists:keyfind(demo, 1, application:loaded_applications())]),
    io:format("start: ~p~n", [application:start(demo)]),
    io:format("worker says: ~p~n", [gen_server:call(app_worker, greet)]),
    io:format("running: ~p~n", [lists:keyfind(demo, 1, application:which_applications())]),
    io:format("start again: ~p~n", [application:start(demo)]),
    io:format("ensure_started: ~p~n", [application:ensure_started(demo)]),
    io:format("unload running: ~p~n", [application:unload(demo)]),
    io:format("stop: ~p~n", [application:stop(demo)]),
    io:format("supervisor gone: ~p~n", [whereis(app_sup)]),
    io:format("running: ~p~n", [lists:keyfind(demo, 1, application:which_applications())]),
    io:format("stop again: ~p~n", [application:stop(demo)]),
    io:format("start missing: ~p~n", [application:start(missing_app)]),
    io:format("load by name: ~p~n", [application:load(missing_app)]),
    ok = application:load({application, dependent, [{applications, [kernel, demo]}]}),
    io:format("start with a dependency not started: ~p~n", [application:start(dependent)]),
    io:format("ensure_all_started: ~p~n", [application:ensure_all_started(dependent)]),
    io:format("stop dependent: ~p~n", [application:stop(dependent)]),
    io:format("stop demo: ~p~n", [application:stop(demo)]),
    ok = application:load({application, failing, [{mod, {?MODULE, fail}}]}),
    io:format("start failing: ~p~n", [application:start(failing)]),
    ok = application:load({application, odd, [{mod, {?MODULE, junk}}]}),
    io:format("start odd: ~p~n", [application:start(odd)]),
    io:format("library application: ~p~n", [application:load({application, lib, [{vsn, "0.1"}]})]),
    io:format("start library: ~p~n", [application:start(lib)]),
    io:format("stop library: ~p~n", [application:stop(lib)]),
    io:format("unload: ~p~n", [application:unload(lib)]),
    io:format("unload again: ~p~n", [application:unload(lib)]),
    io:format("env after unload: ~p~n", [application:get_env(lib, vsn)]),
    ok.
