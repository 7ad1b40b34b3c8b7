%% gen_server: the generic server behaviour, following OTP 25's documented behaviour.
%%
%% Supported: start/3,4, start_link/3,4, start_monitor/3,4 (names {local, N} and
%% {via, M, N}; options timeout, debug, hibernate_after, spawn_opt); init returning
%% {ok, S}, {ok, S, Timeout | hibernate | {continue, C}}, ignore, {stop, R} (anything else
%% is {bad_return_value, Ret}, as {error, R} is in OTP 25); call/2,3 with the exit reasons
%% {Reason, {gen_server, call, Args}} for a dead, missing or slow server; cast/2, reply/2,
%% abcast and multi_call on this node, send_request and its companions, stop/1,3,
%% enter_loop/3,4,5; handle_call/cast/info/continue with timeouts, hibernate and
%% {continue, C} in their returns, throws taken as returns; terminate/2 (on stop, on a
%% crash, and on the parent's exit when trapping exits), code_change/3 through sys,
%% format_status/1 and /2 for sys:get_status and the termination report; sys debug
%% options (trace prints "*DBG* ..." lines like OTP, log, statistics).
%%
%% Reports ("** Generic server ... terminating", the warning for an unexpected message
%% without handle_info/2) go to standard_error through logger. hibernate really
%% hibernates (erlang:hibernate/3 through proc_lib). {global, Name} names are this node's (see
%% gen). A reply that arrives after call/3 timed out is dropped (see gen).
-module(gen_server).

-export([start/3, start/4, start_link/3, start_link/4, start_monitor/3, start_monitor/4,
         call/2, call/3, cast/2, reply/2, stop/1, stop/3,
         abcast/2, abcast/3, multi_call/2, multi_call/3, multi_call/4,
         send_request/2, wait_response/2, receive_response/2, check_response/2,
         send_request/4, wait_response/3, receive_response/3, check_response/3,
         reqids_new/0, reqids_add/3, reqids_size/1, reqids_to_list/1,
         enter_loop/3, enter_loop/4, enter_loop/5]).

%% Behaviour process internals: gen and sys call these.
-export([init_it/6, wake_hib/6, system_continue/3, system_terminate/4,
         system_code_change/4, system_get_state/1, system_replace_state/2,
         format_status/2]).

%% What a callback may give as the time-out part of its result.
-define(IS_TIMEOUT(T), (T =:= infinity orelse T =:= hibernate orelse
                        (is_integer(T) andalso T >= 0) orelse
                        (tuple_size(T) =:= 2 andalso element(1, T) =:= continue))).

-callback init(Args :: term()) -> term().
-callback handle_call(Request :: term(), From :: {pid(), term()}, State :: term()) -> term().
-callback handle_cast(Request :: term(), State :: term()) -> term().
-callback handle_info(Info :: term(), State :: term()) -> term().
-callback handle_continue(Info :: term(), State :: term()) -> term().
-callback terminate(Reason :: term(), State :: term()) -> term().
-callback code_change(OldVsn :: term(), State :: term(), Extra :: term()) -> term().
-callback format_status(Opt :: term(), StatusData :: list()) -> term().
-callback format_status(Status :: map()) -> map().
-optional_callbacks([handle_info/2, handle_continue/2, terminate/2, code_change/3,
                     format_status/1, format_status/2]).

%% ---------------------------------------------------------------------
%% Starting

start(Mod, Args, Options) -> gen:start(?MODULE, nolink, Mod, Args, Options).
start(Name, Mod, Args, Options) -> gen:start(?MODULE, nolink, Name, Mod, Args, Options).
start_link(Mod, Args, Options) -> gen:start(?MODULE, link, Mod, Args, Options).
start_link(Name, Mod, Args, Options) -> gen:start(?MODULE, link, Name, Mod, Args, Options).
start_monitor(Mod, Args, Options) -> gen:start(?MODULE, monitor, Mod, Args, Options).
start_monitor(Name, Mod, Args, Options) -> gen:start(?MODULE, monitor, Name, Mod, Args, Options).

init_it(Starter, Parent, Name0, Mod, Args, Options) ->
    Name = gen:name(Name0),
    Debug = gen:debug_options(Name, Options),
    HibernateAfter = gen:hibernate_after(Options),
    case init_it(Mod, Args) of
        {ok, {ok, State}} ->
            proc_lib:init_ack(Starter, {ok, self()}),
            loop(Parent, Name, State, Mod, infinity, HibernateAfter, Debug);
        {ok, {ok, State, Timeout}} when ?IS_TIMEOUT(Timeout) ->
            proc_lib:init_ack(Starter, {ok, self()}),
            loop(Parent, Name, State, Mod, Timeout, HibernateAfter, Debug);
        {ok, {stop, Reason}} ->
            gen:unregister_name(Name0),
            proc_lib:init_ack(Starter, {error, Reason}),
            exit(Reason);
        {ok, ignore} ->
            gen:unregister_name(Name0),
            proc_lib:init_ack(Starter, ignore),
            exit(normal);
        {ok, Else} ->
            Error = {bad_return_value, Else},
            gen:unregister_name(Name0),
            proc_lib:init_ack(Starter, {error, Error}),
            exit(Error);
        {'EXIT', Class, Reason, Stacktrace} ->
            gen:unregister_name(Name0),
            proc_lib:init_ack(Starter, {error, terminate_reason(Class, Reason, Stacktrace)}),
            erlang:raise(Class, Reason, Stacktrace)
    end.

init_it(Mod, Args) ->
    try
        {ok, Mod:init(Args)}
    catch
        throw:R -> {ok, R};
        Class:R:S -> {'EXIT', Class, R, S}
    end.

enter_loop(Mod, Options, State) ->
    enter_loop(Mod, Options, State, self(), infinity).

enter_loop(Mod, Options, State, ServerName = {Scope, _}) when Scope =:= local; Scope =:= global ->
    enter_loop(Mod, Options, State, ServerName, infinity);
enter_loop(Mod, Options, State, ServerName = {via, _, _}) ->
    enter_loop(Mod, Options, State, ServerName, infinity);
enter_loop(Mod, Options, State, Timeout) ->
    enter_loop(Mod, Options, State, self(), Timeout).

enter_loop(Mod, Options, State, ServerName, Timeout) ->
    Name = gen:name(ServerName),
    case ServerName of
        Pid when is_pid(Pid) -> ok;
        _ ->
            case gen:where(ServerName) of
                Self when Self =:= self() -> ok;
                _ -> exit(gen:not_registered(ServerName))
            end
    end,
    Parent = gen:get_parent(),
    Debug = gen:debug_options(Name, Options),
    HibernateAfter = gen:hibernate_after(Options),
    loop(Parent, Name, State, Mod, Timeout, HibernateAfter, Debug).

%% ---------------------------------------------------------------------
%% Client API

%% A call to a pid, the common case, takes the reply as it comes (only exits can leave
%% gen:call_reply/4 for a pid).
call(Server, Request) when is_pid(Server) ->
    try gen:call_reply(Server, '$gen_call', Request, 5000)
    catch exit:Reason -> exit({Reason, {?MODULE, call, [Server, Request]}})
    end;
call(Server, Request) ->
    case catch gen:call(Server, '$gen_call', Request) of
        {ok, Res} -> Res;
        {'EXIT', Reason} -> exit({Reason, {?MODULE, call, [Server, Request]}})
    end.

call(Server, Request, Timeout)
  when is_pid(Server), Timeout =:= infinity orelse is_integer(Timeout) andalso Timeout >= 0 ->
    try gen:call_reply(Server, '$gen_call', Request, Timeout)
    catch exit:Reason -> exit({Reason, {?MODULE, call, [Server, Request, Timeout]}})
    end;
call(Server, Request, Timeout) ->
    case catch gen:call(Server, '$gen_call', Request, Timeout) of
        {ok, Res} -> Res;
        {'EXIT', Reason} -> exit({Reason, {?MODULE, call, [Server, Request, Timeout]}})
    end.

cast({global, Name}, Request) ->
    catch global:send(Name, {'$gen_cast', Request}),
    ok;
cast({via, Mod, Name}, Request) ->
    catch Mod:send(Name, {'$gen_cast', Request}),
    ok;
cast({Name, Node} = Dest, Request) when is_atom(Name), is_atom(Node) ->
    catch erlang:send(Dest, {'$gen_cast', Request}),
    ok;
cast(Dest, Request) when is_atom(Dest); is_pid(Dest) ->
    catch erlang:send(Dest, {'$gen_cast', Request}),
    ok.

reply(From, Reply) -> gen:reply(From, Reply).

stop(Server) -> gen:stop(Server).
stop(Server, Reason, Timeout) -> gen:stop(Server, Reason, Timeout).

abcast(Name, Request) when is_atom(Name) ->
    abcast([node()], Name, Request).

abcast(Nodes, Name, Request) when is_list(Nodes), is_atom(Name) ->
    [catch erlang:send({Name, Node}, {'$gen_cast', Request}) || Node <- Nodes],
    abcast.

multi_call(Name, Request) -> multi_call([node()], Name, Request).
multi_call(Nodes, Name, Request) -> multi_call(Nodes, Name, Request, infinity).

%% The nodes are called one after the other (OTP calls them all at once).
multi_call(Nodes, Name, Request, Timeout) when is_list(Nodes), is_atom(Name) ->
    lists:foldr(fun(Node, {Replies, Bad}) ->
                        case catch gen:call({Name, Node}, '$gen_call', Request, Timeout) of
                            {ok, Reply} -> {[{Node, Reply} | Replies], Bad};
                            _ -> {Replies, [Node | Bad]}
                        end
                end, {[], []}, Nodes).

send_request(Server, Request) -> gen:send_request(Server, '$gen_call', Request).
wait_response(RequestId, Timeout) -> gen:wait_response(RequestId, Timeout).
receive_response(RequestId, Timeout) -> gen:receive_response(RequestId, Timeout).
check_response(Msg, RequestId) -> gen:check_response(Msg, RequestId).

send_request(Server, Request, Label, Ids) -> gen:send_request(Server, '$gen_call', Request, Label, Ids).
wait_response(Ids, Timeout, Delete) -> gen:wait_response(Ids, Timeout, Delete).
receive_response(Ids, Timeout, Delete) -> gen:receive_response(Ids, Timeout, Delete).
check_response(Msg, Ids, Delete) -> gen:check_response(Msg, Ids, Delete).
reqids_new() -> gen:reqids_new().
reqids_size(Ids) -> gen:reqids_size(Ids).
reqids_to_list(Ids) -> gen:reqids_to_list(Ids).
reqids_add(Id, Label, Ids) -> gen:reqids_add(Id, Label, Ids).

%% ---------------------------------------------------------------------
%% The server loop

%% The common case first: no timeout, no hibernation, no debug options. A call answered
%% with {reply, Reply, NState} takes the shortest path: no result wrapping, the reply sent
%% here, straight back to the receive. Everything else goes through decode_msg.
loop(Parent, Name, State, Mod, infinity, infinity, []) ->
    receive
        {'$gen_call', From, Request} ->
            try Mod:handle_call(Request, From, State) of
                {reply, Reply, NState} ->
                    case From of
                        {To, [alias | Alias] = Tag} when is_pid(To), is_reference(Alias) ->
                            ember_proc:alias_send(To, Alias, {Tag, Reply});
                        _ -> gen:reply(From, Reply)
                    end,
                    loop(Parent, Name, NState, Mod, infinity, infinity, []);
                Other ->
                    handle_call_reply({ok, Other}, From, Request, Parent, Name, State, Mod, infinity, [])
            catch
                throw:R ->
                    handle_call_reply({ok, R}, From, Request, Parent, Name, State, Mod, infinity, []);
                Class:R:Stacktrace ->
                    handle_call_reply({'EXIT', Class, R, Stacktrace}, From, Request, Parent, Name, State,
                                      Mod, infinity, [])
            end;
        Msg ->
            decode_msg(Msg, Parent, Name, State, Mod, infinity, infinity, [], false)
    end;
loop(Parent, Name, State, Mod, infinity, infinity, Debug) ->
    receive
        Msg -> decode_msg(Msg, Parent, Name, State, Mod, infinity, infinity, Debug, false)
    end;
loop(Parent, Name, State, Mod, {continue, Continue} = Msg, HibernateAfter, Debug) ->
    Reply = try_dispatch(Mod, handle_continue, Continue, State),
    Debug1 = debug(Debug, Name, Msg),
    handle_common_reply(Reply, Parent, Name, undefined, Msg, Mod, HibernateAfter, State, Debug1);
loop(Parent, Name, State, Mod, hibernate, HibernateAfter, Debug) ->
    proc_lib:hibernate(?MODULE, wake_hib, [Parent, Name, State, Mod, HibernateAfter, Debug]);
loop(Parent, Name, State, Mod, infinity, HibernateAfter, Debug) when HibernateAfter =/= infinity ->
    receive
        Msg -> decode_msg(Msg, Parent, Name, State, Mod, infinity, HibernateAfter, Debug, false)
    after HibernateAfter ->
            loop(Parent, Name, State, Mod, hibernate, HibernateAfter, Debug)
    end;
loop(Parent, Name, State, Mod, Time, HibernateAfter, Debug) ->
    receive
        Input -> decode_msg(Input, Parent, Name, State, Mod, Time, HibernateAfter, Debug, false)
    after Time ->
            decode_msg(timeout, Parent, Name, State, Mod, Time, HibernateAfter, Debug, false)
    end.

wake_hib(Parent, Name, State, Mod, HibernateAfter, Debug) ->
    Msg = receive Input -> Input end,
    decode_msg(Msg, Parent, Name, State, Mod, hibernate, HibernateAfter, Debug, true).

decode_msg(Msg, Parent, Name, State, Mod, Time, HibernateAfter, Debug, Hib) ->
    case Msg of
        {system, From, Req} ->
            sys:handle_system_msg(Req, From, Parent, ?MODULE, Debug,
                                  [Name, State, Mod, Time, HibernateAfter], Hib);
        {'EXIT', Parent, Reason} ->
            terminate(exit, Reason, [], Name, undefined, Msg, Mod, State, Debug);
        _ when Debug =:= [] ->
            handle_msg(Msg, Parent, Name, State, Mod, HibernateAfter, []);
        _ ->
            Debug1 = debug(Debug, Name, {in, Msg}),
            handle_msg(Msg, Parent, Name, State, Mod, HibernateAfter, Debug1)
    end.

handle_msg({'$gen_call', From, Request}, Parent, Name, State, Mod, HibernateAfter, Debug) ->
    handle_call_reply(try_handle_call(Mod, Request, From, State), From, Request, Parent, Name, State, Mod,
                      HibernateAfter, Debug);
handle_msg(Msg, Parent, Name, State, Mod, HibernateAfter, Debug) ->
    Reply = case Msg of
                {'$gen_cast', Request} -> try_dispatch(Mod, handle_cast, Request, State);
                _ -> try_dispatch(Mod, handle_info, Msg, State)
            end,
    handle_common_reply(Reply, Parent, Name, undefined, Msg, Mod, HibernateAfter, State, Debug).

handle_call_reply(Result, From, Request, Parent, Name, State, Mod, HibernateAfter, Debug) ->
    case Result of
        {ok, {reply, Reply, NState}} ->
            Debug1 = reply(Name, From, Reply, NState, Debug),
            loop(Parent, Name, NState, Mod, infinity, HibernateAfter, Debug1);
        {ok, {reply, Reply, NState, Time}} when ?IS_TIMEOUT(Time) ->
            Debug1 = reply(Name, From, Reply, NState, Debug),
            loop(Parent, Name, NState, Mod, Time, HibernateAfter, Debug1);
        {ok, {stop, Reason, Reply, NState}} ->
            try
                terminate(exit, Reason, [], Name, From, Request, Mod, NState, Debug)
            after
                _ = reply(Name, From, Reply, NState, Debug)
            end;
        Other ->
            handle_common_reply(Other, Parent, Name, From, Request, Mod, HibernateAfter, State, Debug)
    end.

handle_common_reply(Reply, Parent, Name, From, Msg, Mod, HibernateAfter, State, Debug) ->
    case Reply of
        {ok, {noreply, NState}} ->
            Debug1 = debug(Debug, Name, {noreply, NState}),
            loop(Parent, Name, NState, Mod, infinity, HibernateAfter, Debug1);
        {ok, {noreply, NState, Time}} when ?IS_TIMEOUT(Time) ->
            Debug1 = debug(Debug, Name, {noreply, NState}),
            loop(Parent, Name, NState, Mod, Time, HibernateAfter, Debug1);
        {ok, {stop, Reason, NState}} ->
            terminate(exit, Reason, [], Name, From, Msg, Mod, NState, Debug);
        {'EXIT', Class, Reason, Stacktrace} ->
            terminate(Class, Reason, Stacktrace, Name, From, Msg, Mod, State, Debug);
        {ok, BadReply} ->
            terminate(exit, {bad_return_value, BadReply}, [], Name, From, Msg, Mod, State, Debug)
    end.

reply(_Name, {_, _} = From, Reply, _State, []) ->
    gen:reply(From, Reply),
    [];
reply(Name, {To, _} = From, Reply, State, Debug) ->
    gen:reply(From, Reply),
    debug(Debug, Name, {out, Reply, To, State}).

try_dispatch(Mod, Func, Msg, State) ->
    try
        {ok, Mod:Func(Msg, State)}
    catch
        throw:R ->
            {ok, R};
        error:undef = R:Stacktrace when Func =:= handle_info ->
            case exported(Mod, handle_info, 2) of
                false ->
                    logger:report(warning, "WARNING REPORT",
                                  io_lib:format("** Undefined handle_info in ~tp~n"
                                                "** Unhandled message: ~tp~n", [Mod, Msg]),
                                  ?MODULE),
                    {ok, {noreply, State}};
                true ->
                    {'EXIT', error, R, Stacktrace}
            end;
        Class:R:Stacktrace ->
            {'EXIT', Class, R, Stacktrace}
    end.

try_handle_call(Mod, Msg, From, State) ->
    try
        {ok, Mod:handle_call(Msg, From, State)}
    catch
        throw:R -> {ok, R};
        Class:R:Stacktrace -> {'EXIT', Class, R, Stacktrace}
    end.

exported(Mod, F, A) ->
    _ = (catch Mod:module_info(module)),
    erlang:function_exported(Mod, F, A).

%% ---------------------------------------------------------------------
%% Termination

terminate(Class, Reason, Stacktrace, Name, From, Msg, Mod, State, Debug) ->
    TermReason = terminate_reason(Class, Reason, Stacktrace),
    case try_terminate(Mod, TermReason, State) of
        {'EXIT', C, R, S} ->
            error_info(terminate_reason(C, R, S), Name, From, Msg, Mod, State, Debug),
            erlang:raise(C, R, S);
        _ ->
            case {Class, Reason} of
                {exit, normal} -> ok;
                {exit, shutdown} -> ok;
                {exit, {shutdown, _}} -> ok;
                _ -> error_info(TermReason, Name, From, Msg, Mod, State, Debug)
            end,
            erlang:raise(Class, Reason, Stacktrace)
    end.

terminate_reason(error, Reason, Stacktrace) -> {Reason, Stacktrace};
terminate_reason(throw, Reason, Stacktrace) -> {{nocatch, Reason}, Stacktrace};
terminate_reason(exit, Reason, _Stacktrace) -> Reason.

try_terminate(Mod, Reason, State) ->
    case exported(Mod, terminate, 2) of
        true ->
            try
                {ok, Mod:terminate(Reason, State)}
            catch
                throw:R -> {ok, R};
                Class:R:Stacktrace -> {'EXIT', Class, R, Stacktrace}
            end;
        false ->
            {ok, ok}
    end.

error_info(Reason, Name, From, Msg, Mod, State, Debug) ->
    Status = format_state(Mod, State, Msg, Reason),
    Client = case From of
                 {Pid, _} when is_pid(Pid) -> io_lib:format("** Client ~tp is ~s~n", [Pid, client_state(Pid)]);
                 _ -> ""
             end,
    Text = [io_lib:format("** Generic server ~tp terminating ~n"
                          "** Last message in was ~tp~n"
                          "** When Server state == ~tp~n"
                          "** Reason for termination ==~n** ~tp~n",
                          [Name, Msg, Status, Reason]),
            Client],
    logger:report(error, "ERROR REPORT", Text, ?MODULE),
    sys:print_log(Debug),
    ok.

client_state(Pid) ->
    case is_process_alive(Pid) of
        true -> "alive";
        false -> "dead"
    end.

format_state(Mod, State, Msg, Reason) ->
    case exported(Mod, format_status, 1) of
        true ->
            case catch Mod:format_status(#{state => State, message => Msg, reason => Reason, log => []}) of
                #{state := S} -> S;
                _ -> State
            end;
        false ->
            case exported(Mod, format_status, 2) of
                true ->
                    case catch Mod:format_status(terminate, [get(), State]) of
                        {'EXIT', _} -> State;
                        S -> S
                    end;
                false -> State
            end
    end.

%% ---------------------------------------------------------------------
%% Debug events (sys)

debug([], _Name, _Event) -> [];
debug(Debug, Name, Event) -> sys:handle_debug(Debug, fun print_event/3, Name, Event).

print_event(Dev, {in, Msg}, Name) ->
    case Msg of
        {'$gen_call', {From, _Tag}, Call} ->
            io:format(Dev, "*DBG* ~tp got call ~tp from ~tw~n", [Name, Call, From]);
        {'$gen_cast', Cast} ->
            io:format(Dev, "*DBG* ~tp got cast ~tp~n", [Name, Cast]);
        _ ->
            io:format(Dev, "*DBG* ~tp got ~tp~n", [Name, Msg])
    end;
print_event(Dev, {out, Msg, To, State}, Name) ->
    io:format(Dev, "*DBG* ~tp sent ~tp to ~tw, new state ~tp~n", [Name, Msg, To, State]);
print_event(Dev, {noreply, State}, Name) ->
    io:format(Dev, "*DBG* ~tp new state ~tp~n", [Name, State]);
print_event(Dev, Event, Name) ->
    io:format(Dev, "*DBG* ~tp dbg  ~tp~n", [Name, Event]).

%% ---------------------------------------------------------------------
%% System messages (sys)

system_continue(Parent, Debug, [Name, State, Mod, Time, HibernateAfter]) ->
    loop(Parent, Name, State, Mod, Time, HibernateAfter, Debug).

system_terminate(Reason, _Parent, Debug, [Name, State, Mod, _Time, _HibernateAfter]) ->
    terminate(exit, Reason, [], Name, undefined, [], Mod, State, Debug).

system_code_change([Name, State, Mod, Time, HibernateAfter], _Module, OldVsn, Extra) ->
    case exported(Mod, code_change, 3) of
        true ->
            case catch Mod:code_change(OldVsn, State, Extra) of
                {ok, NewState} -> {ok, [Name, NewState, Mod, Time, HibernateAfter]};
                Else -> Else
            end;
        false ->
            {ok, [Name, State, Mod, Time, HibernateAfter]}
    end.

system_get_state([_Name, State, _Mod, _Time, _HibernateAfter]) ->
    {ok, State}.

system_replace_state(StateFun, [Name, State, Mod, Time, HibernateAfter]) ->
    NState = StateFun(State),
    {ok, NState, [Name, NState, Mod, Time, HibernateAfter]}.

format_status(Opt, StatusData) ->
    [PDict, SysState, Parent, Debug, [Name, State, Mod, _Time, _HibernateAfter]] = StatusData,
    Header = gen:format_status_header("Status for generic server", Name),
    Log = sys:get_log(Debug),
    Specific =
        case exported(Mod, format_status, 1) of
            true ->
                case catch Mod:format_status(#{state => State, log => Log}) of
                    #{state := S} -> [{data, [{"State", S}]}];
                    _ -> [{data, [{"State", State}]}]
                end;
            false ->
                case exported(Mod, format_status, 2) of
                    true ->
                        case catch Mod:format_status(Opt, [PDict, State]) of
                            {'EXIT', _} -> [{data, [{"State", State}]}];
                            L when is_list(L) -> L;
                            T -> [T]
                        end;
                    false ->
                        [{data, [{"State", State}]}]
                end
        end,
    [{header, Header},
     {data, [{"Status", SysState}, {"Parent", Parent}, {"Logged events", Log}]}
     | Specific].
