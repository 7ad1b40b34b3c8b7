%% application: a minimal application controller with OTP 25's interface for the common
%% calls. Applications are loaded from their descriptions, given as in OTP:
%% load({application, Name, Keys}) with the .app keys (description, vsn, mod, env,
%% applications, ...). There is no code path of .app files, so load(Name) and starting an
%% application that was not loaded fail as in OTP when the file is missing
%% ({error, {"no such file or directory", "Name.app"}}). kernel and stdlib count as loaded
%% and started.
%%
%% The controller is a registered process, application_controller, started on first use;
%% it keeps the descriptions, the environments and the running applications (no ETS).
%% start/1,2 checks that the applications listed in `applications` run, then calls
%% Mod:start(Type, Args) in an application master process, which is linked to the top
%% process; stop/1 calls prep_stop/1, shuts the top process down and calls stop/1. When
%% the top process of a permanent application (or of a transient one, with a reason other
%% than normal) exits, the node halts, as in OTP; for a temporary one it is reported.
%% Reports ("application: Name exited: ...") go to standard_error through logger.
%%
%% Supported: load/1,2, unload/1, start/1,2, stop/1, ensure_started/1,2,
%% ensure_all_started/1,2, get_env/2,3, get_all_env/1, set_env/1,2,3,4, unset_env/2,3,
%% get_key/2, get_all_key/1, loaded_applications/0, which_applications/0,1, info/0, and
%% start_type/0 (normal in the process that runs Mod:start/2, undefined elsewhere).
%% Left out: which application a process belongs to (there are no group leaders here, so
%% get_application/0,1, get_env/1 and get_key/1 answer undefined), distributed
%% applications, start phases, included applications, takeover/failover, permit/2, config
%% files. get_all_env/1 lists the environment sorted by key (OTP's order is ETS order).
-module(application).

-export([load/1, load/2, unload/1, start/1, start/2, stop/1, ensure_started/1,
         ensure_started/2, ensure_all_started/1, ensure_all_started/2,
         get_env/1, get_env/2, get_env/3, get_all_env/0, get_all_env/1,
         set_env/1, set_env/2, set_env/3, set_env/4, unset_env/2, unset_env/3,
         get_key/1, get_key/2, get_all_key/0, get_all_key/1,
         get_application/0, get_application/1,
         loaded_applications/0, which_applications/0, which_applications/1,
         start_type/0, info/0]).

-callback start(StartType :: term(), StartArgs :: term()) -> term().
-callback stop(State :: term()) -> term().

-define(CONTROLLER, application_controller).

-define(KEYS, [description, id, vsn, modules, maxP, maxT, registered, included_applications,
               optional_applications, applications, env, mod, start_phases]).

%% ---------------------------------------------------------------------
%% API

load(AppDescr) -> load(AppDescr, []).

load({application, App, Keys} = Descr, _Distributed) when is_atom(App), is_list(Keys) ->
    request({load, App, Keys, Descr});
load(App, _Distributed) when is_atom(App) ->
    case request({is_loaded, App}) of
        true -> {error, {already_loaded, App}};
        false -> {error, {"no such file or directory", atom_to_list(App) ++ ".app"}}
    end.

unload(App) -> request({unload, App}).

start(App) -> start(App, temporary).

start(App, Type) when Type =:= temporary; Type =:= transient; Type =:= permanent ->
    case request({is_loaded, App}) of
        true -> request({start, App, Type});
        false ->
            case load(App) of
                ok -> request({start, App, Type});
                Error -> Error
            end
    end.

stop(App) -> request({stop, App}).

ensure_started(App) -> ensure_started(App, temporary).

ensure_started(App, Type) ->
    case start(App, Type) of
        ok -> ok;
        {error, {already_started, App}} -> ok;
        Error -> Error
    end.

ensure_all_started(App) -> ensure_all_started(App, temporary).

ensure_all_started(App, Type) ->
    case ensure_all(App, Type, []) of
        {ok, Started} -> {ok, lists:reverse(Started)};
        {error, Reason, Started} ->
            [stop(A) || A <- Started],
            {error, Reason}
    end.

ensure_all(App, Type, Started) ->
    case request({is_running, App}) of
        true -> {ok, Started};
        false ->
            case start(App, Type) of
                ok -> {ok, [App | Started]};
                {error, {already_started, App}} -> {ok, Started};
                {error, {not_started, Dep}} ->
                    case ensure_all(Dep, Type, Started) of
                        {ok, Started1} -> ensure_all(App, Type, Started1);
                        Error -> Error
                    end;
                {error, Reason} ->
                    {error, {App, Reason}, Started}
            end
    end.

get_env(_Par) -> undefined.

get_env(App, Par) -> request({get_env, App, Par}).

get_env(App, Par, Default) ->
    case get_env(App, Par) of
        {ok, Val} -> Val;
        undefined -> Default
    end.

get_all_env() -> [].
get_all_env(App) -> request({get_all_env, App}).

set_env(Config) -> set_env(Config, []).

set_env(Config, _Opts) when is_list(Config) ->
    lists:foreach(fun({App, Pairs}) ->
                          [set_env(App, Par, Val) || {Par, Val} <- Pairs]
                  end, Config),
    ok.

set_env(App, Par, Val) -> request({set_env, App, Par, Val}).
set_env(App, Par, Val, _Opts) -> set_env(App, Par, Val).

unset_env(App, Par) -> request({unset_env, App, Par}).
unset_env(App, Par, _Opts) -> unset_env(App, Par).

get_key(_Key) -> undefined.
get_key(App, Key) -> request({get_key, App, Key}).

get_all_key() -> undefined.
get_all_key(App) -> request({get_all_key, App}).

get_application() -> undefined.
get_application(_PidOrModule) -> undefined.

loaded_applications() -> request(loaded_applications).
which_applications() -> request(which_applications).
which_applications(_Timeout) -> which_applications().

%% The start type of the application being started, in the process starting it.
start_type() -> get('$ember_start_type').

info() -> request(info).

%% ---------------------------------------------------------------------
%% The controller

request(Req) ->
    Pid = controller(),
    Ref = erlang:monitor(process, Pid),
    Pid ! {?CONTROLLER, {self(), Ref}, Req},
    receive
        {Ref, Reply} ->
            erlang:demonitor(Ref, [flush]),
            Reply;
        {'DOWN', Ref, process, _, Reason} ->
            exit({Reason, {?MODULE, Req}})
    end.

controller() ->
    case whereis(?CONTROLLER) of
        undefined ->
            Pid = spawn(fun() -> controller_init() end),
            Ref = erlang:monitor(process, Pid),
            Pid ! {start, self()},
            receive
                {Pid, started} ->
                    erlang:demonitor(Ref, [flush]),
                    Pid;
                {'DOWN', Ref, process, Pid, _} ->
                    controller()
            end;
        Pid ->
            Pid
    end.

-record(app, {name, keys = [], env = #{}, running = false, type, master, pending}).

controller_init() ->
    receive
        {start, From} ->
            case catch register(?CONTROLLER, self()) of
                true ->
                    process_flag(trap_exit, true),
                    From ! {self(), started},
                    Base = [#app{name = kernel, keys = base_keys("8.5.3"), running = true,
                                 type = permanent},
                            #app{name = stdlib, keys = base_keys("4.2"), running = true,
                                 type = permanent}],
                    controller_loop(#{apps => maps:from_list([{A#app.name, A} || A <- Base]),
                                      started => [stdlib, kernel]});
                _ ->
                    ok
            end
    end.

base_keys(Vsn) ->
    [{description, "ERTS  CXC 138 10"}, {vsn, Vsn}].

controller_loop(S) ->
    receive
        {?CONTROLLER, From, Req} ->
            case handle(Req, From, S) of
                {reply, Reply, S1} ->
                    reply(From, Reply),
                    controller_loop(S1);
                {noreply, S1} ->
                    controller_loop(S1)
            end;
        {master, Master, App, Result} ->
            controller_loop(master_result(Master, App, Result, S));
        {'EXIT', Pid, Reason} ->
            controller_loop(master_exit(Pid, Reason, S));
        _ ->
            controller_loop(S)
    end.

reply({To, Ref}, Reply) -> To ! {Ref, Reply}.

find(App, #{apps := Apps}) -> maps:find(App, Apps).

put_app(A, S = #{apps := Apps}) -> S#{apps := Apps#{A#app.name => A}}.

handle({is_loaded, App}, _From, S) ->
    {reply, find(App, S) =/= error, S};
handle({is_running, App}, _From, S) ->
    case find(App, S) of
        {ok, #app{running = true}} -> {reply, true, S};
        _ -> {reply, false, S}
    end;
handle({load, App, Keys, Descr}, _From, S) ->
    case find(App, S) of
        {ok, _} -> {reply, {error, {already_loaded, Descr}}, S};
        error ->
            Env = case lists:keyfind(env, 1, Keys) of
                      {env, E} when is_list(E) -> maps:from_list(E);
                      _ -> #{}
                  end,
            {reply, ok, put_app(#app{name = App, keys = Keys, env = Env}, S)}
    end;
handle({unload, App}, _From, S = #{apps := Apps}) ->
    case find(App, S) of
        {ok, #app{running = false, pending = undefined}} -> {reply, ok, S#{apps := maps:remove(App, Apps)}};
        {ok, _} -> {reply, {error, {running, App}}, S};
        error -> {reply, {error, {not_loaded, App}}, S}
    end;
handle({start, App, Type}, From, S) ->
    case find(App, S) of
        error ->
            {reply, {error, {"no such file or directory", atom_to_list(App) ++ ".app"}}, S};
        {ok, #app{running = true}} ->
            {reply, {error, {already_started, App}}, S};
        {ok, #app{pending = {starting, _}}} ->
            {reply, {error, {already_started, App}}, S};
        {ok, A} ->
            Deps = key(applications, A#app.keys),
            case [D || D <- Deps, not running(D, S)] of
                [Missing | _] ->
                    {reply, {error, {not_started, Missing}}, S};
                [] ->
                    case key(mod, A#app.keys) of
                        {Mod, Args} ->
                            Controller = self(),
                            Master = spawn_link(fun() -> master(Controller, App, Mod, Args) end),
                            {noreply, put_app(A#app{type = Type, master = Master,
                                                    pending = {starting, From}}, S)};
                        _ ->
                            {reply, ok, started(A#app{type = Type}, S)}
                    end
            end
    end;
handle({stop, App}, From, S) ->
    case find(App, S) of
        {ok, #app{running = true, master = undefined} = A} ->
            report_exit(App, stopped, A#app.type),
            {reply, ok, stopped(A, S)};
        {ok, #app{running = true, master = Master} = A} ->
            Master ! {stop, self()},
            {noreply, put_app(A#app{pending = {stopping, From}}, S)};
        _ ->
            {reply, {error, {not_started, App}}, S}
    end;
handle({get_env, App, Par}, _From, S) ->
    case find(App, S) of
        {ok, #app{env = Env}} ->
            case maps:find(Par, Env) of
                {ok, V} -> {reply, {ok, V}, S};
                error -> {reply, undefined, S}
            end;
        error -> {reply, undefined, S}
    end;
handle({get_all_env, App}, _From, S) ->
    case find(App, S) of
        {ok, #app{env = Env}} -> {reply, lists:sort(maps:to_list(Env)), S};
        error -> {reply, [], S}
    end;
handle({set_env, App, Par, Val}, _From, S) ->
    A = case find(App, S) of
            {ok, A0} -> A0;
            error -> #app{name = App, keys = undefined}
        end,
    {reply, ok, put_app(A#app{env = (A#app.env)#{Par => Val}}, S)};
handle({unset_env, App, Par}, _From, S) ->
    case find(App, S) of
        {ok, A} -> {reply, ok, put_app(A#app{env = maps:remove(Par, A#app.env)}, S)};
        error -> {reply, ok, S}
    end;
handle({get_key, App, Key}, _From, S) ->
    case loaded(App, S) of
        {ok, A} ->
            case lists:member(Key, ?KEYS) of
                true -> {reply, {ok, key_value(Key, A)}, S};
                false -> {reply, undefined, S}
            end;
        error -> {reply, undefined, S}
    end;
handle({get_all_key, App}, _From, S) ->
    case loaded(App, S) of
        {ok, A} -> {reply, {ok, [{K, key_value(K, A)} || K <- ?KEYS]}, S};
        error -> {reply, undefined, S}
    end;
handle(loaded_applications, _From, S = #{apps := Apps}) ->
    {reply, [{Name, key(description, Keys), key(vsn, Keys)}
             || #app{name = Name, keys = Keys} <- maps:values(Apps), Keys =/= undefined], S};
handle(which_applications, _From, S = #{started := Started}) ->
    {reply, [begin
                 {ok, #app{keys = Keys}} = find(Name, S),
                 {Name, key(description, Keys), key(vsn, Keys)}
             end || Name <- Started], S};
handle(info, _From, S = #{apps := Apps, started := Started}) ->
    {reply, Loaded, _} = handle(loaded_applications, _From, S),
    Apps1 = [A || Name <- Started, {ok, A} <- [maps:find(Name, Apps)]],
    {reply, [{loaded, Loaded}, {loading, []},
             {started, [{Name, Type} || #app{name = Name, type = Type} <- Apps1]},
             {start_p_false, []},
             {running, [{Name, Master} || #app{name = Name, master = Master} <- Apps1]},
             {starting, []}], S};
handle(_Other, _From, S) ->
    {reply, {error, badarg}, S}.

%% An application that is only present because set_env/3 gave it an environment is not
%% loaded.
loaded(App, S) ->
    case find(App, S) of
        {ok, #app{keys = undefined}} -> error;
        Other -> Other
    end.

running(App, S) ->
    case find(App, S) of
        {ok, #app{running = true}} -> true;
        _ -> false
    end.

key(Key, Keys) ->
    case lists:keyfind(Key, 1, Keys) of
        {Key, V} -> V;
        false -> default(Key)
    end.

key_value(env, A) -> maps:to_list(A#app.env);
key_value(Key, A) -> key(Key, A#app.keys).

default(description) -> "";
default(id) -> "";
default(vsn) -> "";
default(maxP) -> infinity;
default(maxT) -> infinity;
default(mod) -> [];
default(start_phases) -> undefined;
default(_) -> [].

started(A, S = #{started := Started}) ->
    put_app(A#app{running = true, pending = undefined},
            S#{started := [A#app.name | lists:delete(A#app.name, Started)]}).

stopped(A, S = #{started := Started}) ->
    put_app(A#app{running = false, master = undefined, pending = undefined},
            S#{started := lists:delete(A#app.name, Started)}).

master_result(Master, App, Result, S) ->
    case find(App, S) of
        {ok, #app{master = Master, pending = {starting, From}} = A} ->
            case Result of
                ok ->
                    reply(From, ok),
                    started(A, S);
                {error, Reason} ->
                    reply(From, {error, Reason}),
                    report_exit(App, Reason, A#app.type),
                    stopped(A, S)
            end;
        _ ->
            S
    end.

master_exit(Pid, Reason, S = #{apps := Apps}) ->
    case [A || #app{master = M} = A <- maps:values(Apps), M =:= Pid] of
        [#app{pending = {stopping, From}} = A] ->
            reply(From, ok),
            report_exit(A#app.name, stopped, A#app.type),
            stopped(A, S);
        [#app{pending = {starting, From}} = A] ->
            reply(From, {error, Reason}),
            stopped(A, S);
        [#app{} = A] ->
            report_exit(A#app.name, Reason, A#app.type),
            case A#app.type of
                permanent -> halt_node(A#app.name, Reason);
                transient when Reason =/= normal -> halt_node(A#app.name, Reason);
                _ -> ok
            end,
            stopped(A, S);
        [] ->
            S
    end.

report_exit(App, Reason, Type) ->
    logger:report(notice, "INFO REPORT",
                  io_lib:format("    application: ~tp~n    exited: ~tp~n    type: ~tp~n",
                                [App, Reason, Type]),
                  ?MODULE).

halt_node(App, Reason) ->
    io:format(standard_error, "{\"Kernel pid terminated\",~w,\"~tw\"}~n",
              [?CONTROLLER, {application_terminated, App, Reason}]),
    erlang:halt(1).

%% ---------------------------------------------------------------------
%% The application master: starts the application and waits for its end.

master(Controller, App, Mod, Args) ->
    process_flag(trap_exit, true),
    Start = {Mod, start, [normal, Args]},
    put('$ember_start_type', normal),
    Result = try
                 Mod:start(normal, Args)
             catch
                 error:R:ST -> {'EXIT', {R, ST}};
                 exit:R -> {'EXIT', R};
                 throw:R -> R
             end,
    erase('$ember_start_type'),
    case Result of
        {ok, Pid} when is_pid(Pid) ->
            Controller ! {master, self(), App, ok},
            master_loop(Controller, Mod, Pid, []);
        {ok, Pid, State} when is_pid(Pid) ->
            Controller ! {master, self(), App, ok},
            master_loop(Controller, Mod, Pid, State);
        {error, Reason} ->
            Controller ! {master, self(), App, {error, {Reason, Start}}},
            exit(normal);
        Other ->
            Controller ! {master, self(), App, {error, {bad_return, {Start, Other}}}},
            exit(normal)
    end.

master_loop(Controller, Mod, Pid, State) ->
    receive
        {stop, Controller} ->
            State1 = case exported(Mod, prep_stop, 1) of
                         true -> Mod:prep_stop(State);
                         false -> State
                     end,
            shutdown(Pid),
            catch Mod:stop(State1),
            exit(normal);
        {'EXIT', Pid, Reason} ->
            catch Mod:stop(State),
            exit(Reason);
        {'EXIT', Controller, Reason} ->
            shutdown(Pid),
            exit(Reason);
        _ ->
            master_loop(Controller, Mod, Pid, State)
    end.

shutdown(Pid) ->
    exit(Pid, shutdown),
    receive
        {'EXIT', Pid, _} -> ok
    after 10000 ->
            exit(Pid, kill),
            receive {'EXIT', Pid, _} -> ok end
    end.

exported(Mod, F, A) ->
    _ = (catch Mod:module_info(module)),
    erlang:function_exported(Mod, F, A).
