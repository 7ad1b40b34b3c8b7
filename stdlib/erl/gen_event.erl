%% gen_event: event managers and event handlers, following OTP 25's documented
%% behaviour. A manager traps exits and keeps its handlers newest first; events, infos and
%% the order of which_handlers/1 follow that order. A handler is Module or {Module, Id}
%% (a plain Module has the id false); the same handler may be added more than once, as
%% in OTP.
%%
%% Supported: start/0,1,2, start_link/0,1,2, start_monitor/0,1,2, add_handler,
%% add_sup_handler (the adding process is linked and gets {gen_event_EXIT, Handler,
%% Reason} when the handler goes; a handler is removed with {stop, Reason} when its
%% supervising process exits, and that 'EXIT' message is then passed to the handlers as
%% info), delete_handler, swap_handler, swap_sup_handler, notify, sync_notify, call/3,4,
%% which_handlers, stop/1,3, send_request and its companions; handler results ok,
%% swap_handler, remove_handler, and crashes or bad returns (the handler is removed and
%% terminate/2 gets {error, {'EXIT', Reason}} or {error, Return}); terminate/2,
%% handle_info/2 and code_change/3 are optional; sys get_state/replace_state work on the
%% list of {Module, Id, State}.
%%
%% Handler crash reports go to standard_error through logger. Hibernation is accepted and
%% ignored; sys tracing of the manager prints only a generic line per event.
-module(gen_event).

-export([start/0, start/1, start/2, start_link/0, start_link/1, start_link/2,
         start_monitor/0, start_monitor/1, start_monitor/2,
         stop/1, stop/3, notify/2, sync_notify/2, call/3, call/4,
         send_request/3, wait_response/2, receive_response/2, check_response/2,
         send_request/5, wait_response/3, receive_response/3, check_response/3,
         reqids_new/0, reqids_add/3, reqids_size/1, reqids_to_list/1,
         add_handler/3, add_sup_handler/3, delete_handler/3, swap_handler/3,
         swap_sup_handler/3, which_handlers/1]).

%% Behaviour process internals: gen and sys call these.
-export([init_it/6, system_continue/3, system_terminate/4, system_code_change/4,
         system_get_state/1, system_replace_state/2, format_status/2]).

-callback init(InitArgs :: term()) -> term().
-callback handle_event(Event :: term(), State :: term()) -> term().
-callback handle_call(Request :: term(), State :: term()) -> term().
-callback handle_info(Info :: term(), State :: term()) -> term().
-callback terminate(Args :: term(), State :: term()) -> term().
-callback code_change(OldVsn :: term(), State :: term(), Extra :: term()) -> term().
-callback format_status(Opt :: term(), StatusData :: list()) -> term().
-callback format_status(Status :: map()) -> map().
-optional_callbacks([handle_info/2, terminate/2, code_change/3, format_status/1, format_status/2]).

-record(handler, {module, id = false, state, supervised = false}).

-define(CALL, '$gen_event_call').

%% ---------------------------------------------------------------------
%% Starting and stopping

start() -> gen:start(?MODULE, nolink, no_callback, [], []).
start(Name) when is_tuple(Name) -> gen:start(?MODULE, nolink, Name, no_callback, [], []);
start(Opts) when is_list(Opts) -> gen:start(?MODULE, nolink, no_callback, [], Opts).
start(Name, Opts) -> gen:start(?MODULE, nolink, Name, no_callback, [], Opts).

start_link() -> gen:start(?MODULE, link, no_callback, [], []).
start_link(Name) when is_tuple(Name) -> gen:start(?MODULE, link, Name, no_callback, [], []);
start_link(Opts) when is_list(Opts) -> gen:start(?MODULE, link, no_callback, [], Opts).
start_link(Name, Opts) -> gen:start(?MODULE, link, Name, no_callback, [], Opts).

start_monitor() -> gen:start(?MODULE, monitor, no_callback, [], []).
start_monitor(Name) when is_tuple(Name) -> gen:start(?MODULE, monitor, Name, no_callback, [], []);
start_monitor(Opts) when is_list(Opts) -> gen:start(?MODULE, monitor, no_callback, [], Opts).
start_monitor(Name, Opts) -> gen:start(?MODULE, monitor, Name, no_callback, [], Opts).

stop(M) -> gen:stop(M).
stop(M, Reason, Timeout) -> gen:stop(M, Reason, Timeout).

init_it(Starter, Parent, Name0, _, _, Options) ->
    process_flag(trap_exit, true),
    Name = gen:name(Name0),
    Debug = gen:debug_options(Name, Options),
    proc_lib:init_ack(Starter, {ok, self()}),
    loop(Parent, Name, [], Debug).

%% ---------------------------------------------------------------------
%% Client API

notify(M, Event) -> send(M, {notify, Event}).
sync_notify(M, Event) -> rpc(M, {sync_notify, Event}).

call(M, Handler, Query) ->
    case catch gen:call(M, ?CALL, {call, Handler, Query}) of
        {ok, Result} -> Result;
        {'EXIT', Reason} -> exit({Reason, {?MODULE, call, [M, Handler, Query]}})
    end.

call(M, Handler, Query, Timeout) ->
    case catch gen:call(M, ?CALL, {call, Handler, Query}, Timeout) of
        {ok, Result} -> Result;
        {'EXIT', Reason} -> exit({Reason, {?MODULE, call, [M, Handler, Query, Timeout]}})
    end.

send_request(M, Handler, Query) -> gen:send_request(M, ?CALL, {call, Handler, Query}).
%% A handler's error ({error, bad_module}, ...) is the response itself, not a reply.
wait_response(RequestId, Timeout) -> unwrap(gen:wait_response(RequestId, Timeout)).
receive_response(RequestId, Timeout) -> unwrap(gen:receive_response(RequestId, Timeout)).
check_response(Msg, RequestId) -> unwrap(gen:check_response(Msg, RequestId)).

unwrap({reply, {error, _} = Error}) -> Error;
unwrap({{reply, {error, _} = Error}, Label, Ids}) -> {Error, Label, Ids};
unwrap(Other) -> Other.

send_request(M, Handler, Query, Label, Ids) -> gen:send_request(M, ?CALL, {call, Handler, Query}, Label, Ids).
wait_response(Ids, Timeout, Delete) -> unwrap(gen:wait_response(Ids, Timeout, Delete)).
receive_response(Ids, Timeout, Delete) -> unwrap(gen:receive_response(Ids, Timeout, Delete)).
check_response(Msg, Ids, Delete) -> unwrap(gen:check_response(Msg, Ids, Delete)).
reqids_new() -> gen:reqids_new().
reqids_size(Ids) -> gen:reqids_size(Ids).
reqids_to_list(Ids) -> gen:reqids_to_list(Ids).
reqids_add(Id, Label, Ids) -> gen:reqids_add(Id, Label, Ids).

add_handler(M, Handler, Args) -> rpc(M, {add_handler, Handler, Args}).
add_sup_handler(M, Handler, Args) -> rpc(M, {add_sup_handler, Handler, Args, self()}).
delete_handler(M, Handler, Args) -> rpc(M, {delete_handler, Handler, Args}).

swap_handler(M, {H1, A1}, {H2, A2}) -> rpc(M, {swap_handler, H1, A1, H2, A2}).
swap_sup_handler(M, {H1, A1}, {H2, A2}) -> rpc(M, {swap_sup_handler, H1, A1, H2, A2, self()}).

which_handlers(M) -> rpc(M, which_handlers).

send({global, Name}, Cmd) ->
    catch global:send(Name, Cmd),
    ok;
send({via, Mod, Name}, Cmd) ->
    Mod:send(Name, Cmd),
    ok;
send(M, Cmd) ->
    erlang:send(M, Cmd),
    ok.

rpc(M, Cmd) ->
    {ok, Reply} = gen:call(M, ?CALL, Cmd, infinity),
    Reply.

%% ---------------------------------------------------------------------
%% The manager loop

loop(Parent, Name, Handlers, Debug) ->
    receive
        {system, From, Req} ->
            sys:handle_system_msg(Req, From, Parent, ?MODULE, Debug, [Name, Handlers]);
        {'EXIT', Parent, Reason} ->
            terminate_server(Reason, Handlers, Name);
        Msg ->
            Debug1 = case Debug of
                         [] -> [];
                         _ -> sys:handle_debug(Debug, fun print_event/3, Name, {in, Msg})
                     end,
            handle_msg(Msg, Parent, Name, Handlers, Debug1)
    end.

handle_msg(Msg, Parent, Name, Handlers, Debug) ->
    case Msg of
        {notify, Event} ->
            loop(Parent, Name, notify_all(Event, handle_event, Handlers, Name), Debug);
        {?CALL, From, Cmd} ->
            {Reply, Handlers1} = command(Cmd, Handlers, Name),
            gen:reply(From, Reply),
            loop(Parent, Name, Handlers1, Debug);
        {'EXIT', From, Reason} ->
            Handlers1 = handle_exit(From, Reason, Handlers, Name),
            loop(Parent, Name, notify_all(Msg, handle_info, Handlers1, Name), Debug);
        _ ->
            loop(Parent, Name, notify_all(Msg, handle_info, Handlers, Name), Debug)
    end.

command({sync_notify, Event}, Handlers, Name) ->
    {ok, notify_all(Event, handle_event, Handlers, Name)};
command({add_handler, Handler, Args}, Handlers, _Name) ->
    add(Handler, Args, false, Handlers);
command({add_sup_handler, Handler, Args, SupP}, Handlers, _Name) ->
    link(SupP),
    add(Handler, Args, SupP, Handlers);
command({delete_handler, Handler, Args}, Handlers, Name) ->
    case take(Handler, Handlers) of
        {H, Rest} -> {do_terminate(H, Args, delete, Name, normal), Rest};
        error -> {{error, module_not_found}, Handlers}
    end;
command({swap_handler, H1, A1, H2, A2}, Handlers, Name) ->
    swap(H1, A1, H2, A2, false, Handlers, Name);
command({swap_sup_handler, H1, A1, H2, A2, SupP}, Handlers, Name) ->
    link(SupP),
    swap(H1, A1, H2, A2, SupP, Handlers, Name);
command(which_handlers, Handlers, _Name) ->
    {[handler_spec(H) || H <- Handlers], Handlers};
command(get_modules, Handlers, _Name) ->
    {lists:usort([M || #handler{module = M} <- Handlers]), Handlers};
command({call, Handler, Query}, Handlers, Name) ->
    call_handler(Handler, Query, Handlers, Name);
command(_Other, Handlers, _Name) ->
    {{error, bad_request}, Handlers}.

handler_spec(#handler{module = M, id = false}) -> M;
handler_spec(#handler{module = M, id = Id}) -> {M, Id}.

split_handler({Module, Id}) -> {Module, Id};
split_handler(Module) -> {Module, false}.

take(Handler, Handlers) ->
    {M, Id} = split_handler(Handler),
    take(M, Id, Handlers, []).

take(M, Id, [#handler{module = M, id = Id} = H | T], Acc) -> {H, lists:reverse(Acc, T)};
take(M, Id, [H | T], Acc) -> take(M, Id, T, [H | Acc]);
take(_, _, [], _) -> error.

add(Handler, Args, SupP, Handlers) ->
    {M, Id} = split_handler(Handler),
    case catch M:init(Args) of
        {ok, State} ->
            {ok, [#handler{module = M, id = Id, state = State, supervised = SupP} | Handlers]};
        {ok, State, hibernate} ->
            {ok, [#handler{module = M, id = Id, state = State, supervised = SupP} | Handlers]};
        Other ->
            {Other, Handlers}
    end.

swap(H1, A1, H2, A2, SupP, Handlers, Name) ->
    {State2, Rest, Sup} =
        case take(H1, Handlers) of
            {H, Rest0} ->
                NewSup = case SupP of
                             false -> H#handler.supervised;
                             _ -> SupP
                         end,
                {do_terminate(H, A1, swapped, Name, {swapped, H2, NewSup}), Rest0, NewSup};
            error ->
                {error, Handlers, SupP}
        end,
    case add(H2, {A2, State2}, Sup, Rest) of
        {ok, Handlers1} -> {ok, Handlers1};
        {Error, Handlers1} -> {Error, Handlers1}
    end.

notify_all(Event, Func, [H | T], Name) ->
    case update(H, Func, Event, Name) of
        {ok, H1} -> [H1 | notify_all(Event, Func, T, Name)];
        {swapped, New} -> New ++ notify_all(Event, Func, T, Name);
        no -> notify_all(Event, Func, T, Name)
    end;
notify_all(_Event, _Func, [], _Name) ->
    [].

update(#handler{module = M, state = State} = H, Func, Event, Name) ->
    case exported(M, Func, 2) of
        false when Func =:= handle_info ->
            {ok, H};
        _ ->
            case catch M:Func(Event, State) of
                {ok, State1} ->
                    {ok, H#handler{state = State1}};
                {ok, State1, hibernate} ->
                    {ok, H#handler{state = State1}};
                {swap_handler, Args1, State1, Handler2, Args2} ->
                    H1 = H#handler{state = State1},
                    State2 = do_terminate(H1, Args1, swapped, Name,
                                          {swapped, Handler2, H#handler.supervised}),
                    case add(Handler2, {Args2, State2}, H#handler.supervised, []) of
                        {ok, New} -> {swapped, New};
                        _ -> no
                    end;
                remove_handler ->
                    do_terminate(H, remove_handler, remove, Name, normal),
                    no;
                Other ->
                    report_crash(H, Event, Other, Name),
                    do_terminate(H, {error, Other}, Event, Name, Other),
                    no
            end
    end.

call_handler(Handler, Query, Handlers, Name) ->
    {M, Id} = split_handler(Handler),
    call_handler(M, Id, Query, Handlers, [], Name).

call_handler(M, Id, Query, [#handler{module = M, id = Id, state = State} = H | T], Before, Name) ->
    Done = fun(Reply, Middle) -> {Reply, lists:reverse(Before, Middle ++ T)} end,
    case catch M:handle_call(Query, State) of
        {ok, Reply, State1} ->
            Done(Reply, [H#handler{state = State1}]);
        {ok, Reply, State1, hibernate} ->
            Done(Reply, [H#handler{state = State1}]);
        {swap_handler, Reply, Args1, State1, Handler2, Args2} ->
            H1 = H#handler{state = State1},
            State2 = do_terminate(H1, Args1, swapped, Name, {swapped, Handler2, H#handler.supervised}),
            case add(Handler2, {Args2, State2}, H#handler.supervised, []) of
                {ok, New} -> Done(Reply, New);
                _ -> Done(Reply, [])
            end;
        {remove_handler, Reply} ->
            do_terminate(H, remove_handler, remove, Name, normal),
            Done(Reply, []);
        Other ->
            report_crash(H, Query, Other, Name),
            do_terminate(H, {error, Other}, Query, Name, Other),
            Done({error, Other}, [])
    end;
call_handler(M, Id, Query, [H | T], Before, Name) ->
    call_handler(M, Id, Query, T, [H | Before], Name);
call_handler(_M, _Id, _Query, [], Before, _Name) ->
    {{error, bad_module}, lists:reverse(Before)}.

%% Removes the handlers supervised by a process that exited.
handle_exit(From, Reason, Handlers, Name) ->
    lists:filter(fun(#handler{supervised = P} = H) when P =:= From ->
                         do_terminate(H#handler{supervised = false}, {stop, Reason}, exit, Name, Reason),
                         false;
                    (_) ->
                         true
                 end, Handlers).

%% Calls Module:terminate(Args, State) and tells a supervising process why the handler
%% went; returns what terminate returned.
do_terminate(#handler{module = M, state = State, supervised = SupP} = H, Args, _LastIn, _Name,
             Reason) ->
    Res = case exported(M, terminate, 2) of
              true -> catch M:terminate(Args, State);
              false -> ok
          end,
    case SupP of
        false -> ok;
        Pid when is_pid(Pid) ->
            Pid ! {gen_event_EXIT, handler_spec(H), Reason}
    end,
    Res.

terminate_server(Reason, Handlers, Name) ->
    lists:foreach(fun(H) -> do_terminate(H, stop, stop, Name, shutdown_reason(Reason)) end,
                  Handlers),
    exit(Reason).

shutdown_reason(normal) -> shutdown;
shutdown_reason(Reason) -> Reason.

report_crash(#handler{module = M} = H, LastIn, Reason, Name) ->
    Text = io_lib:format("** gen_event handler ~tp crashed.~n"
                         "** Was installed in ~tp~n"
                         "** Last event was: ~tp~n"
                         "** When handler state == ~tp~n"
                         "** Reason == ~tp~n",
                         [handler_spec(H), Name, LastIn, H#handler.state, Reason]),
    _ = M,
    logger:report(error, "ERROR REPORT", Text, ?MODULE).

exported(Mod, F, A) ->
    _ = (catch Mod:module_info(module)),
    erlang:function_exported(Mod, F, A).

print_event(Dev, Event, Name) ->
    io:format(Dev, "*DBG* ~tp got ~tp~n", [Name, Event]).

%% ---------------------------------------------------------------------
%% System messages (sys)

system_continue(Parent, Debug, [Name, Handlers]) ->
    loop(Parent, Name, Handlers, Debug).

system_terminate(Reason, _Parent, _Debug, [Name, Handlers]) ->
    terminate_server(Reason, Handlers, Name).

system_code_change([Name, Handlers], Module, OldVsn, Extra) ->
    Handlers1 = [case H of
                     #handler{module = Module, state = S} ->
                         case catch Module:code_change(OldVsn, S, Extra) of
                             {ok, S1} -> H#handler{state = S1};
                             _ -> H
                         end;
                     _ -> H
                 end || H <- Handlers],
    {ok, [Name, Handlers1]}.

system_get_state([_Name, Handlers]) ->
    {ok, [{M, Id, S} || #handler{module = M, id = Id, state = S} <- Handlers]}.

system_replace_state(StateFun, [Name, Handlers]) ->
    Handlers1 = [begin
                     {M, Id, S1} = StateFun({M, Id, S}),
                     H#handler{state = S1}
                 end || #handler{module = M, id = Id, state = S} = H <- Handlers],
    {ok, [{M, Id, S} || #handler{module = M, id = Id, state = S} <- Handlers1],
     [Name, Handlers1]}.

format_status(_Opt, [_PDict, SysState, Parent, _Debug, [Name, Handlers]]) ->
    Header = gen:format_status_header("Status for event handler", Name),
    [{header, Header},
     {data, [{"Status", SysState}, {"Parent", Parent}]},
     {items, {"Installed handlers", Handlers}}].
