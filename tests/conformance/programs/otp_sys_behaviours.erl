-module(otp_sys_behaviours).
-export([main/0]).
-export([init/1, handle_event/2, handle_call/2, start_worker/0, worker/0,
         system_continue/3, system_terminate/4, system_get_state/1, system_replace_state/2,
         custom_init/1]).

%% sys on a supervisor, an event manager and a hand-written process that
%% handles system messages with sys:handle_system_msg/6; logger's level
%% functions.

init(sup) -> {ok, {#{}, [#{id => w, start => {?MODULE, start_worker, []}}]}};
init(Handler) -> {ok, Handler}.

handle_event(E, S) -> {ok, [E | wrap(S)]}.
handle_call(get, S) -> {ok, S, S}.

wrap(L) when is_list(L) -> L;
wrap(X) -> [X].

start_worker() -> {ok, spawn_link(?MODULE, worker, [])}.
worker() -> receive _ -> ok end.

%% A process with its own loop that answers system messages.
custom_init(N) ->
    proc_lib:init_ack({ok, self()}),
    custom_loop(N, []).

custom_loop(N, Debug) ->
    receive
        {system, From, Req} ->
            [Parent | _] = get('$ancestors'),
            sys:handle_system_msg(Req, From, Parent, ?MODULE, Debug, N);
        {add, K} ->
            custom_loop(N + K, Debug);
        {get, Pid} ->
            Pid ! {value, N},
            custom_loop(N, Debug)
    end.

system_continue(_Parent, Debug, N) -> custom_loop(N, Debug).
system_terminate(Reason, _Parent, _Debug, N) ->
    io:format("custom terminates: ~p with ~p~n", [Reason, N]),
    exit(Reason).
system_get_state(N) -> {ok, N}.
system_replace_state(F, N) -> N1 = F(N), {ok, N1, N1}.

main() ->
    io:format("set level: ~p~n", [logger:set_primary_config(level, none)]),
    io:format("level: ~p~n", [maps:get(level, logger:get_primary_config())]),
    io:format("bad level: ~p~n", [logger:set_primary_config(level, loud)]),
    io:format("logging while off: ~p ~p~n", [logger:error("not shown ~p", [1]), logger:warning("not shown")]),
    io:format("compare_levels: ~p ~p ~p~n", [logger:compare_levels(error, info),
                                             logger:compare_levels(debug, alert),
                                             logger:compare_levels(notice, notice)]),
    process_flag(trap_exit, true),
    %% supervisor
    {ok, Sup} = supervisor:start_link({local, sys_sup}, ?MODULE, sup),
    State = sys:get_state(sys_sup),
    io:format("supervisor state is a record: ~p ~p~n", [element(1, State), tuple_size(State) > 5]),
    io:format("suspend supervisor: ~p~n", [sys:suspend(sys_sup)]),
    Self = self(),
    spawn(fun() -> Self ! {children, supervisor:which_children(sys_sup)} end),
    Early = receive {children, _} -> answered after 50 -> blocked end,
    io:format("which_children while suspended: ~p~n", [Early]),
    io:format("resume supervisor: ~p~n", [sys:resume(sys_sup)]),
    receive {children, C} -> io:format("then: ~p~n", [[Id || {Id, _, _, _} <- C]]) end,
    {status, _, {module, SupMod}, _} = sys:get_status(sys_sup),
    io:format("supervisor status module: ~p~n", [SupMod]),
    %% gen_event
    {ok, M} = gen_event:start_link({local, sys_em}),
    ok = gen_event:add_handler(sys_em, {?MODULE, h1}, one),
    ok = gen_event:add_handler(sys_em, ?MODULE, two),
    gen_event:notify(sys_em, e1),
    io:format("event manager state: ~p~n", [sys:get_state(sys_em)]),
    io:format("replace: ~p~n", [sys:replace_state(sys_em, fun({Mod, Id, S}) -> {Mod, Id, {replaced, S}} end)]),
    io:format("handler state: ~p~n", [gen_event:call(sys_em, ?MODULE, get)]),
    io:format("suspend manager: ~p~n", [sys:suspend(sys_em)]),
    gen_event:notify(sys_em, e2),
    io:format("while suspended: ~p~n", [catch gen_event:call(sys_em, {?MODULE, h1}, get, 50)]),
    io:format("resume manager: ~p~n", [sys:resume(sys_em)]),
    io:format("after resume: ~p~n", [gen_event:call(sys_em, {?MODULE, h1}, get)]),
    {status, _, {module, EvMod}, _} = sys:get_status(sys_em),
    io:format("manager status module: ~p~n", [EvMod]),
    %% A hand-written process.
    {ok, Custom} = proc_lib:start_link(?MODULE, custom_init, [5]),
    io:format("custom state: ~p~n", [sys:get_state(Custom)]),
    io:format("custom replace: ~p~n", [sys:replace_state(Custom, fun(N) -> N * 2 end)]),
    io:format("custom suspend: ~p~n", [sys:suspend(Custom)]),
    Custom ! {add, 1},
    io:format("custom while suspended: ~p~n", [sys:get_state(Custom)]),
    io:format("custom resume: ~p~n", [sys:resume(Custom)]),
    Custom ! {get, self()},
    receive {value, V} -> io:format("custom value: ~p~n", [V]) end,
    T = sys:terminate(Custom, {shutdown, test}),
    receive {'EXIT', Custom, R} -> io:format("custom terminate: ~p, exit: ~p~n", [T, R]) end,
    exit(Sup, shutdown),
    exit(M, shutdown),
    [receive {'EXIT', P, _} -> ok end || P <- [Sup, M]],
    ok.
