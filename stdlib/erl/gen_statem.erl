%% gen_statem: the generic state machine behaviour, following OTP 25's documented
%% behaviour.
%%
%% Supported: start/3,4, start_link/3,4, start_monitor/3,4, stop/1,3, call/2,3 (timeouts
%% infinity, T, {clean_timeout, T}, {dirty_timeout, T}; exit reasons
%% {Reason, {gen_statem, call, [Server, Request, Timeout]}}), cast/2, reply/1,2,
%% send_request and its companions, enter_loop/4,5,6; callback modes state_functions and
%% handle_event_function, with or without state_enter (callback_mode/0 is called when the
%% machine enters its loop); every state callback result (next_state, keep_state,
%% repeat_state and their _and_data forms, stop, stop_and_reply), throws taken as
%% results; the actions postpone, next_event, reply, hibernate, event timeouts (also a
%% bare integer), state timeouts and generic {timeout, Name} timeouts with update, cancel
%% and {abs, true}, change_callback_module, push_callback_module and pop_callback_module.
%% Postponed events are retried after a state change, inserted events go first, a
%% zero-time timeout is queued after the queued events, an event timeout is not started
%% while events are queued and is cancelled by any event, and a state change cancels the
%% state timeout. init/1 results as in OTP 25 ({error, R} is a bad return there).
%% terminate/3, code_change/4, format_status/1,2 and the sys debug trace ("*DBG* ...
%% receive/consume/postpone/send/start_timer" lines like OTP's) are supported.
%%
%% Termination reports go to standard_error through logger. hibernate is accepted; the
%% process keeps its stack while it waits. {global, Name} names are this node's (see gen); a
%% reply that arrives after call/3 timed out is dropped (see gen).
-module(gen_statem).

-export([start/3, start/4, start_link/3, start_link/4, start_monitor/3, start_monitor/4,
         stop/1, stop/3, call/2, call/3, cast/2, reply/1, reply/2,
         send_request/2, wait_response/2, receive_response/2, check_response/2,
         send_request/4, wait_response/1, wait_response/3, receive_response/1,
         receive_response/3, check_response/3,
         reqids_new/0, reqids_add/3, reqids_size/1, reqids_to_list/1,
         enter_loop/4, enter_loop/5, enter_loop/6]).

%% Behaviour process internals: gen and sys call these.
-export([init_it/6, system_continue/3, system_terminate/4, system_code_change/4,
         system_get_state/1, system_replace_state/2, format_status/2]).

-callback init(Args :: term()) -> term().
-callback callback_mode() -> term().
-callback terminate(Reason :: term(), State :: term(), Data :: term()) -> term().
-callback code_change(OldVsn :: term(), State :: term(), Data :: term(), Extra :: term()) -> term().
-callback format_status(Opt :: term(), StatusData :: list()) -> term().
-callback format_status(Status :: map()) -> map().
-callback state_name(EventType :: term(), EventContent :: term(), Data :: term()) -> term().
-callback handle_event(EventType :: term(), EventContent :: term(), State :: term(), Data :: term()) -> term().
-optional_callbacks([format_status/1, format_status/2, terminate/3, code_change/4, state_name/3,
                     handle_event/4]).

-record(params, {parent,
                 name,
                 modules = [],            % the callback module first
                 callback_mode,           % undefined until the loop is entered
                 state_enter = false,
                 hibernate_after = infinity}).

-record(st, {state,
             data,
             postponed = [],              % newest first
             queue = [],                  % events to handle before the mailbox
             timers = #{},                % TimeoutType => {TRef | zero, Content}
             hibernate = false}).

%% ---------------------------------------------------------------------
%% Starting

start(Module, Args, Opts) -> gen:start(?MODULE, nolink, Module, Args, Opts).
start(Name, Module, Args, Opts) -> gen:start(?MODULE, nolink, Name, Module, Args, Opts).
start_link(Module, Args, Opts) -> gen:start(?MODULE, link, Module, Args, Opts).
start_link(Name, Module, Args, Opts) -> gen:start(?MODULE, link, Name, Module, Args, Opts).
start_monitor(Module, Args, Opts) -> gen:start(?MODULE, monitor, Module, Args, Opts).
start_monitor(Name, Module, Args, Opts) -> gen:start(?MODULE, monitor, Name, Module, Args, Opts).

init_it(Starter, Parent, Name0, Module, Args, Opts) ->
    Name = gen:name(Name0),
    Debug = gen:debug_options(Name, Opts),
    HibernateAfter = gen:hibernate_after(Opts),
    Result = try
                 {ok, Module:init(Args)}
             catch
                 throw:R -> {ok, R};
                 Class:R:ST -> {'EXIT', Class, R, ST}
             end,
    P = #params{parent = Parent, name = Name, modules = [Module],
                hibernate_after = HibernateAfter},
    case Result of
        {ok, {ok, State, Data}} ->
            proc_lib:init_ack(Starter, {ok, self()}),
            enter(P, Debug, State, Data, []);
        {ok, {ok, State, Data, Actions}} ->
            proc_lib:init_ack(Starter, {ok, self()}),
            enter(P, Debug, State, Data, Actions);
        {ok, {stop, Reason}} ->
            gen:unregister_name(Name0),
            proc_lib:init_ack(Starter, {error, Reason}),
            exit(Reason);
        {ok, ignore} ->
            gen:unregister_name(Name0),
            proc_lib:init_ack(Starter, ignore),
            exit(normal);
        {ok, Other} ->
            Error = {bad_return_from_init, Other},
            gen:unregister_name(Name0),
            proc_lib:init_ack(Starter, {error, Error}),
            exit(Error);
        {'EXIT', Class1, Reason1, Stacktrace1} ->
            gen:unregister_name(Name0),
            proc_lib:init_ack(Starter, {error, Reason1}),
            erlang:raise(Class1, Reason1, Stacktrace1)
    end.

enter_loop(Module, Opts, State, Data) ->
    enter_loop(Module, Opts, State, Data, self()).

enter_loop(Module, Opts, State, Data, Server_or_Actions) ->
    case Server_or_Actions of
        List when is_list(List) -> enter_loop(Module, Opts, State, Data, self(), List);
        Server -> enter_loop(Module, Opts, State, Data, Server, [])
    end.

enter_loop(Module, Opts, State, Data, Server, Actions) ->
    Name = gen:name(Server),
    case Server of
        Pid when is_pid(Pid) -> ok;
        _ ->
            case gen:where(Server) of
                Self when Self =:= self() -> ok;
                _ -> exit(gen:not_registered(Server))
            end
    end,
    Parent = gen:get_parent(),
    Debug = gen:debug_options(Name, Opts),
    P = #params{parent = Parent, name = Name, modules = [Module],
                hibernate_after = gen:hibernate_after(Opts)},
    enter(P, Debug, State, Data, Actions).

%% Enters the loop: the first state is entered like after a transition from
%% nowhere, with a state enter call with the state itself as the old state.
enter(P0, Debug0, State, Data, Actions) ->
    [Module | _] = P0#params.modules,
    Debug = debug(P0, Debug0, {enter, Module, State}),
    S = #st{state = State, data = Data},
    Event = {internal, init_state},
    case callback_mode(P0) of
        {ok, P} ->
            transition_result(P, Debug, S, Event, {next_state, State, Data, listify(Actions)},
                              true);
        {error, Reason} ->
            terminate(error, Reason, [], P0, Debug, S, [Event])
    end.

callback_mode(#params{modules = [Module | _]} = P) ->
    try Module:callback_mode() of
        CallbackMode ->
            case parse_callback_mode(CallbackMode) of
                {ok, Mode, Enter} -> {ok, P#params{callback_mode = Mode, state_enter = Enter}};
                error -> {error, {bad_return_from_callback_mode, CallbackMode}}
            end
    catch
        throw:CallbackMode ->
            case parse_callback_mode(CallbackMode) of
                {ok, Mode, Enter} -> {ok, P#params{callback_mode = Mode, state_enter = Enter}};
                error -> {error, {bad_return_from_callback_mode, CallbackMode}}
            end;
        Class:Reason:ST ->
            erlang:raise(Class, Reason, ST)
    end.

parse_callback_mode(Mode) when Mode =:= state_functions; Mode =:= handle_event_function ->
    {ok, Mode, false};
parse_callback_mode(List) when is_list(List) ->
    parse_callback_mode(List, undefined, false);
parse_callback_mode(_) ->
    error.

parse_callback_mode([], undefined, _) -> error;
parse_callback_mode([], Mode, Enter) -> {ok, Mode, Enter};
parse_callback_mode([M | T], undefined, Enter)
  when M =:= state_functions; M =:= handle_event_function ->
    parse_callback_mode(T, M, Enter);
parse_callback_mode([state_enter | T], Mode, _) ->
    parse_callback_mode(T, Mode, true);
parse_callback_mode(_, _, _) ->
    error.

%% ---------------------------------------------------------------------
%% Client API

call(Server, Request) -> call(Server, Request, infinity).

call(Server, Request, Timeout) ->
    T = case Timeout of
            {clean_timeout, T0} -> T0;
            {dirty_timeout, T0} -> T0;
            T0 -> T0
        end,
    case catch gen:call(Server, '$gen_call', Request, T) of
        {ok, Reply} -> Reply;
        {'EXIT', Reason} -> exit({Reason, {?MODULE, call, [Server, Request, Timeout]}})
    end.

cast({global, Name}, Msg) ->
    catch global:send(Name, {'$gen_cast', Msg}),
    ok;
cast({via, Mod, Name}, Msg) ->
    catch Mod:send(Name, {'$gen_cast', Msg}),
    ok;
cast({Name, Node} = Dest, Msg) when is_atom(Name), is_atom(Node) ->
    catch erlang:send(Dest, {'$gen_cast', Msg}),
    ok;
cast(Dest, Msg) when is_atom(Dest); is_pid(Dest) ->
    catch erlang:send(Dest, {'$gen_cast', Msg}),
    ok.

reply({reply, From, Reply}) -> reply(From, Reply);
reply(Replies) when is_list(Replies) ->
    [reply(R) || R <- Replies],
    ok.

reply(From, Reply) -> gen:reply(From, Reply).

stop(Server) -> gen:stop(Server).
stop(Server, Reason, Timeout) -> gen:stop(Server, Reason, Timeout).

send_request(Server, Request) -> gen:send_request(Server, '$gen_call', Request).
wait_response(RequestId, Timeout) -> gen:wait_response(RequestId, Timeout).
receive_response(RequestId, Timeout) -> gen:receive_response(RequestId, Timeout).
check_response(Msg, RequestId) -> gen:check_response(Msg, RequestId).
wait_response(RequestId) -> gen:wait_response(RequestId, infinity).
receive_response(RequestId) -> gen:receive_response(RequestId, infinity).

send_request(Server, Request, Label, Ids) -> gen:send_request(Server, '$gen_call', Request, Label, Ids).
wait_response(Ids, Timeout, Delete) -> gen:wait_response(Ids, Timeout, Delete).
receive_response(Ids, Timeout, Delete) -> gen:receive_response(Ids, Timeout, Delete).
check_response(Msg, Ids, Delete) -> gen:check_response(Msg, Ids, Delete).
reqids_new() -> gen:reqids_new().
reqids_size(Ids) -> gen:reqids_size(Ids).
reqids_to_list(Ids) -> gen:reqids_to_list(Ids).
reqids_add(Id, Label, Ids) -> gen:reqids_add(Id, Label, Ids).

%% ---------------------------------------------------------------------
%% The event loop

loop(P, Debug, #st{queue = [Item | Queue]} = S) ->
    case Item of
        {'$timeout', Type, Content} ->
            Timers = maps:remove(Type, S#st.timers),
            Event = {Type, Content},
            Debug1 = debug(P, Debug, {in, Event, S#st.state}),
            event(P, Debug1, S#st{queue = Queue, timers = Timers}, Event);
        Event ->
            event(P, Debug, S#st{queue = Queue}, Event)
    end;
loop(P, Debug, S) ->
    receive
        Msg -> message(P, Debug, S, Msg)
    after P#params.hibernate_after ->
            receive
                Msg -> message(P, Debug, S, Msg)
            end
    end.

message(P, Debug, S, Msg) ->
    Parent = P#params.parent,
    case Msg of
        {system, From, Req} ->
            sys:handle_system_msg(Req, From, Parent, ?MODULE, Debug, {P, S}, S#st.hibernate);
        {'EXIT', Parent, Reason} ->
            terminate(exit, Reason, [], P, Debug, S, [Msg]);
        {timeout, TRef, Type} ->
            case maps:find(Type, S#st.timers) of
                {ok, {TRef, Content}} ->
                    Timers = maps:remove(Type, S#st.timers),
                    external(P, Debug, S#st{timers = Timers}, {Type, Content});
                _ ->
                    external(P, Debug, S, {info, Msg})
            end;
        {'$gen_call', From, Request} ->
            external(P, Debug, S, {{call, From}, Request});
        {'$gen_cast', Request} ->
            external(P, Debug, S, {cast, Request});
        _ ->
            external(P, Debug, S, {info, Msg})
    end.

%% An event from the mailbox: it cancels the event timeout.
external(P, Debug, S, Event) ->
    Debug1 = debug(P, Debug, {in, Event, S#st.state}),
    event(P, Debug1, S#st{timers = cancel_timeout(timeout, S#st.timers)}, Event).

event(P, Debug, S, {Type, Content} = Event) ->
    Result = call_state_callback(P, S#st.state, Type, Content, S#st.data),
    case Result of
        {ok, R} ->
            state_callback_result(P, Debug, S, Event, R, false);
        {'EXIT', Class, Reason, Stacktrace} ->
            terminate(Class, Reason, Stacktrace, P, Debug, S, [Event])
    end.

call_state_callback(#params{modules = [Module | _], callback_mode = Mode}, State, Type,
                    Content, Data) ->
    try
        case Mode of
            state_functions -> {ok, Module:State(Type, Content, Data)};
            handle_event_function -> {ok, Module:handle_event(Type, Content, State, Data)}
        end
    catch
        throw:R -> {ok, R};
        Class:R:ST -> {'EXIT', Class, R, ST}
    end.

%% Parses a state callback result into a transition or a stop.
state_callback_result(P, Debug, S, Event, Result, IsEnter) ->
    State = S#st.state,
    Data = S#st.data,
    Parsed = parse_result(Result, State, Data),
    case Parsed of
        bad when IsEnter ->
            terminate(error, {bad_return_from_state_function, Result}, [], P, Debug, S, [Event]);
        bad ->
            terminate(error, {bad_return_from_state_function, Result}, [], P, Debug, S, [Event]);
        {stop, Reason1, NewData, Replies} ->
            case send_replies(P, Debug, Replies) of
                {ok, Debug1} ->
                    terminate(exit, Reason1, [], P, Debug1, S#st{data = NewData}, [Event]);
                {error, Bad, Debug1} ->
                    terminate(error, {bad_action_from_state_function, Bad}, [], P, Debug1, S,
                              [Event])
            end;
        {next_state, NS, _, _} when IsEnter, NS =/= State ->
            terminate(error, {bad_state_enter_return_from_state_function, Result}, [], P,
                      Debug, S, [Event]);
        Transition when IsEnter ->
            Transition;
        Transition ->
            transition_result(P, Debug, S, Event, Transition, false)
    end.

parse_result(Result, State, Data) ->
    case Result of
        {next_state, NS, ND} -> {next_state, NS, ND, []};
        {next_state, NS, ND, A} -> {next_state, NS, ND, listify(A)};
        {keep_state, ND} -> {keep_state, State, ND, []};
        {keep_state, ND, A} -> {keep_state, State, ND, listify(A)};
        keep_state_and_data -> {keep_state, State, Data, []};
        {keep_state_and_data, A} -> {keep_state, State, Data, listify(A)};
        {repeat_state, ND} -> {repeat_state, State, ND, []};
        {repeat_state, ND, A} -> {repeat_state, State, ND, listify(A)};
        repeat_state_and_data -> {repeat_state, State, Data, []};
        {repeat_state_and_data, A} -> {repeat_state, State, Data, listify(A)};
        stop -> {stop, normal, Data, []};
        {stop, Reason} -> {stop, Reason, Data, []};
        {stop, Reason, ND} -> {stop, Reason, ND, []};
        {stop_and_reply, Reason, Replies} -> {stop, Reason, Data, listify(Replies)};
        {stop_and_reply, Reason, Replies, ND} -> {stop, Reason, ND, listify(Replies)};
        _ -> bad
    end.

listify(L) when is_list(L) -> L;
listify(A) -> [A].

send_replies(P, Debug, [{reply, From, Reply} | T]) ->
    gen:reply(From, Reply),
    send_replies(P, debug(P, Debug, {out, Reply, From}), T);
send_replies(_P, Debug, []) ->
    {ok, Debug};
send_replies(_P, Debug, [Bad | _]) ->
    {error, Bad, Debug}.

%% A transition (or the entry into the loop, when Init is true).
transition_result(P0, Debug0, S0, Event, {TransType, NextState, NewData, Actions}, Init) ->
    case actions(P0, Debug0, Actions, false, S0#st.state) of
        {error, Reason, Debug1} ->
            terminate(error, Reason, [], P0, Debug1, S0, [Event]);
        {ok, P, Debug1, Acc} ->
            #{postpone := Postpone, events := EventsR, timeouts := TimeoutsR,
              hibernate := Hibernate} = Acc,
            State = S0#st.state,
            Postponed0 = case Postpone of
                             true -> [Event | S0#st.postponed];
                             false -> S0#st.postponed
                         end,
            Changed = Init orelse NextState =/= State,
            {Queue1, Postponed1, Timers1} =
                case NextState =/= State of
                    true ->
                        {lists:reverse(Postponed0) ++ S0#st.queue, [],
                         cancel_timeout(state_timeout, S0#st.timers)};
                    false ->
                        {S0#st.queue, Postponed0, S0#st.timers}
                    end,
            S1 = S0#st{state = NextState, data = NewData, postponed = Postponed1,
                       queue = Queue1, timers = Timers1, hibernate = Hibernate},
            Enter = P#params.state_enter andalso (Changed orelse TransType =:= repeat_state),
            OldState = case Init of
                           true -> NextState;
                           false -> State
                       end,
            case Enter of
                true ->
                    enter_call(P, Debug1, S1, Event, OldState, Postpone, EventsR, TimeoutsR);
                false ->
                    finish_transition(P, Debug1, S1, Event, OldState, Postpone, EventsR,
                                      TimeoutsR)
            end
    end.

enter_call(P, Debug, S, Event, OldState, Postpone, EventsR, TimeoutsR) ->
    case call_state_callback(P, S#st.state, enter, OldState, S#st.data) of
        {'EXIT', Class, Reason, Stacktrace} ->
            terminate(Class, Reason, Stacktrace, P, Debug, S, [Event]);
        {ok, Result} ->
            case state_callback_result(P, Debug, S, Event, Result, true) of
                {_Type, _State, NewData, Actions} ->
                    case actions(P, Debug, Actions, true, S#st.state) of
                        {error, Reason, Debug1} ->
                            terminate(error, Reason, [], P, Debug1, S, [Event]);
                        {ok, P1, Debug1, Acc} ->
                            #{timeouts := EnterTimeoutsR, hibernate := Hibernate} = Acc,
                            S1 = S#st{data = NewData,
                                      hibernate = Hibernate orelse S#st.hibernate},
                            finish_transition(P1, Debug1, S1, Event, OldState, Postpone,
                                              EventsR, EnterTimeoutsR ++ TimeoutsR)
                    end;
                Stopped ->
                    Stopped
            end
    end.

finish_transition(P, Debug0, S0, Event, OldState, Postpone, EventsR, TimeoutsR) ->
    NextState = S0#st.state,
    Debug1 = case Postpone of
                 true -> debug(P, Debug0, {postpone, Event, OldState, NextState});
                 false -> debug(P, Debug0, {consume, Event, OldState, NextState})
             end,
    Queue1 = lists:reverse(EventsR) ++ S0#st.queue,
    {Timers, ZeroEvents, EventTimeout, Debug2} =
        timeouts(P, Debug1, TimeoutsR, S0#st.timers, NextState, [], [], none),
    Queue2 = Queue1 ++ ZeroEvents,
    {Queue3, Timers1} =
        case {EventTimeout, Queue2} of
            {{Time, Content, Opts}, []} when Time =:= 0 ->
                _ = Opts,
                {[{'$timeout', timeout, Content}], Timers};
            {{update, Content, _}, []} ->
                {[{'$timeout', timeout, Content}], Timers};
            {{Time, Content, Opts}, []} when is_integer(Time) ->
                TRef = start_timer(Time, timeout, Opts),
                {[], Timers#{timeout => {TRef, Content}}};
            _ ->
                {Queue2, Timers}
        end,
    loop(P, Debug2, S0#st{queue = Queue3, timers = Timers1}).

%% Goes through the actions; Acc collects what takes effect after them.
actions(P, Debug, Actions, IsEnter, State) ->
    do_actions(P, Debug, Actions, IsEnter,
            #{postpone => false, events => [], timeouts => [], hibernate => false,
              state => State}).

do_actions(P, Debug, [], _IsEnter, Acc) ->
    {ok, P, Debug, Acc};
do_actions(P, Debug, [Action | T], IsEnter, Acc) ->
    case Action of
        {reply, From, Reply} ->
            gen:reply(From, Reply),
            do_actions(P, debug(P, Debug, {out, Reply, From}), T, IsEnter, Acc);
        hibernate ->
            do_actions(P, Debug, T, IsEnter, Acc#{hibernate := true});
        {hibernate, B} when is_boolean(B) ->
            do_actions(P, Debug, T, IsEnter, Acc#{hibernate := B});
        postpone when not IsEnter ->
            do_actions(P, Debug, T, IsEnter, Acc#{postpone := true});
        {postpone, B} when is_boolean(B), not IsEnter ->
            do_actions(P, Debug, T, IsEnter, Acc#{postpone := B});
        {next_event, Type, Content} when not IsEnter ->
            case event_type(Type) of
                true ->
                    #{events := Es} = Acc,
                    #{state := State} = Acc,
                    Debug1 = debug(P, Debug, {in, {Type, Content}, State}),
                    do_actions(P, Debug1, T, IsEnter, Acc#{events := [{Type, Content} | Es]});
                false ->
                    {error, bad_action(IsEnter, Action), Debug}
            end;
        {change_callback_module, M} when is_atom(M) ->
            modules(P, Debug, T, IsEnter, Acc, Action, [M | tl(P#params.modules)]);
        {push_callback_module, M} when is_atom(M) ->
            modules(P, Debug, T, IsEnter, Acc, Action, [M | P#params.modules]);
        pop_callback_module when tl(P#params.modules) =/= [] ->
            modules(P, Debug, T, IsEnter, Acc, Action, tl(P#params.modules));
        _ ->
            case timeout_action(Action) of
                {ok, Timeout} ->
                    #{timeouts := Ts} = Acc,
                    do_actions(P, Debug, T, IsEnter, Acc#{timeouts := [Timeout | Ts]});
                error ->
                    {error, bad_action(IsEnter, Action), Debug}
            end
    end.

modules(P, Debug, T, IsEnter, Acc, Action, Modules) ->
    case callback_mode(P#params{modules = Modules}) of
        {ok, P1} -> do_actions(P1, Debug, T, IsEnter, Acc);
        {error, _} -> {error, bad_action(IsEnter, Action), Debug}
    end.

bad_action(true, Action) -> {bad_state_enter_action_from_state_function, Action};
bad_action(false, Action) -> {bad_action_from_state_function, Action}.

event_type({call, {Pid, _}}) when is_pid(Pid) -> true;
event_type(cast) -> true;
event_type(info) -> true;
event_type(internal) -> true;
event_type(timeout) -> true;
event_type(state_timeout) -> true;
event_type({timeout, _}) -> true;
event_type(_) -> false.

%% {TimeoutType, Time | update | cancel, Content, Opts}
timeout_action(Time) when is_integer(Time), Time >= 0; Time =:= infinity ->
    {ok, {timeout, Time, Time, []}};
timeout_action({Type, cancel}) ->
    case timeout_type(Type) of
        true -> {ok, {Type, cancel, undefined, []}};
        false -> error
    end;
timeout_action({Type, update, Content}) ->
    case timeout_type(Type) of
        true -> {ok, {Type, update, Content, []}};
        false -> error
    end;
timeout_action({Type, Time, Content}) ->
    timeout_action({Type, Time, Content, []});
timeout_action({Type, Time, Content, Opts}) ->
    case timeout_type(Type) andalso valid_time(Time, Opts) of
        true -> {ok, {Type, Time, Content, Opts}};
        false -> error
    end;
timeout_action(_) ->
    error.

timeout_type(timeout) -> true;
timeout_type(state_timeout) -> true;
timeout_type({timeout, _}) -> true;
timeout_type(_) -> false.

valid_time(infinity, Opts) -> is_list(Opts);
valid_time(Time, Opts) when is_integer(Time), is_list(Opts) ->
    case abs_opt(Opts) of
        true -> true;
        false -> Time >= 0
    end;
valid_time(_, _) -> false.

abs_opt(Opts) ->
    case lists:keyfind(abs, 1, Opts) of
        {abs, true} -> true;
        _ -> false
    end.

%% Handles the timeouts, newest first (the newest of each type wins). Zero-time timeouts
%% come out in the order they were given.
timeouts(_P, Debug, [], Timers, _State, ZeroEvents, _Seen, EventTimeout) ->
    {Timers, ZeroEvents, EventTimeout, Debug};
timeouts(P, Debug, [{Type, Time, Content, Opts} = T | Rest], Timers, State, Zero, Seen,
         EventTimeout) ->
    case lists:member(Type, Seen) of
        true ->
            timeouts(P, Debug, Rest, Timers, State, Zero, Seen, EventTimeout);
        false ->
            Seen1 = [Type | Seen],
            Debug1 = case Time of
                         cancel -> Debug;
                         update -> Debug;
                         infinity -> Debug;
                         _ -> debug(P, Debug, {start_timer, {Type, Time, Content, Opts}, State})
                     end,
            case Type of
                timeout ->
                    ET = case Time of
                             infinity -> none;
                             cancel -> none;
                             _ -> {relative(Time, Opts), Content, []}
                         end,
                    timeouts(P, Debug1, Rest, Timers, State, Zero, Seen1, ET);
                _ ->
                    {Timers1, Zero1} = set_timeout(Type, Time, Content, Opts, Timers, Zero),
                    _ = T,
                    timeouts(P, Debug1, Rest, Timers1, State, Zero1, Seen1, EventTimeout)
            end
    end.

relative(update, _Opts) -> update;
relative(Time, Opts) ->
    case abs_opt(Opts) of
        true -> max(0, Time - erlang:monotonic_time(millisecond));
        false -> Time
    end.

set_timeout(Type, cancel, _Content, _Opts, Timers, Zero) ->
    {cancel_timeout(Type, Timers), Zero};
set_timeout(Type, infinity, _Content, _Opts, Timers, Zero) ->
    {cancel_timeout(Type, Timers), Zero};
set_timeout(Type, update, Content, _Opts, Timers, Zero) ->
    case maps:find(Type, Timers) of
        {ok, {TRef, _}} -> {Timers#{Type := {TRef, Content}}, Zero};
        error -> {Timers, [{'$timeout', Type, Content} | Zero]}
    end;
set_timeout(Type, Time, Content, Opts, Timers0, Zero) ->
    Timers = cancel_timeout(Type, Timers0),
    case relative(Time, Opts) of
        0 -> {Timers, [{'$timeout', Type, Content} | Zero]};
        T -> {Timers#{Type => {start_timer(T, Type, []), Content}}, Zero}
    end.

start_timer(Time, Type, _Opts) ->
    erlang:start_timer(Time, self(), Type).

cancel_timeout(Type, Timers) ->
    case maps:find(Type, Timers) of
        {ok, {TRef, _}} when is_reference(TRef) ->
            case erlang:cancel_timer(TRef) of
                false ->
                    %% It went off: its message is here or on its way.
                    receive {timeout, TRef, Type} -> ok end;
                _ ->
                    ok
            end,
            maps:remove(Type, Timers);
        {ok, _} ->
            maps:remove(Type, Timers);
        error ->
            Timers
    end.

%% ---------------------------------------------------------------------
%% Termination

terminate(Class, Reason, Stacktrace, P, Debug, S, Q) ->
    [Module | _] = P#params.modules,
    case exported(Module, terminate, 3) of
        true ->
            try Module:terminate(Reason, S#st.state, S#st.data) of
                _ -> ok
            catch
                throw:_ -> ok;
                C:R:ST ->
                    error_info(C, R, ST, P, Debug, S, Q),
                    erlang:raise(C, R, ST)
            end;
        false ->
            ok
    end,
    case {Class, Reason} of
        {exit, normal} -> ok;
        {exit, shutdown} -> ok;
        {exit, {shutdown, _}} -> ok;
        _ -> error_info(Class, Reason, Stacktrace, P, Debug, S, Q)
    end,
    case Stacktrace of
        [] -> erlang:raise(Class, Reason, current_stacktrace(Class));
        _ -> erlang:raise(Class, Reason, Stacktrace)
    end.

current_stacktrace(exit) -> [];
current_stacktrace(_) ->
    try erlang:error(stacktrace) catch error:stacktrace:ST -> tl(ST) end.

error_info(Class, Reason, Stacktrace, P, Debug, S, Q) ->
    [Module | _] = P#params.modules,
    Status = format_state(Module, S),
    Text = [io_lib:format("** State machine ~tp terminating~n", [P#params.name]),
            case Q of
                [Event | _] -> io_lib:format("** Last event = ~tp~n", [Event]);
                _ -> ""
            end,
            io_lib:format("** When server state  = ~tp~n"
                          "** Reason for termination = ~w:~tp~n"
                          "** Callback modules = ~tp~n"
                          "** Callback mode = ~tp~n",
                          [Status, Class, Reason, P#params.modules,
                           callback_mode_shown(P)]),
            case Stacktrace of
                [] -> "";
                _ -> io_lib:format("** Stacktrace =~n**  ~tp~n", [Stacktrace])
            end,
            case S#st.postponed of
                [] -> "";
                Ps -> io_lib:format("** Postponed = ~tp~n", [lists:reverse(Ps)])
            end],
    logger:report(error, "ERROR REPORT", Text, ?MODULE),
    sys:print_log(Debug),
    ok.

callback_mode_shown(#params{callback_mode = undefined}) -> undefined;
callback_mode_shown(#params{callback_mode = M, state_enter = true}) -> [M, state_enter];
callback_mode_shown(#params{callback_mode = M}) -> M.

format_state(Module, #st{state = State, data = Data}) ->
    case exported(Module, format_status, 1) of
        true ->
            case catch Module:format_status(#{state => State, data => Data}) of
                #{state := S, data := D} -> {S, D};
                _ -> {State, Data}
            end;
        false ->
            case exported(Module, format_status, 2) of
                true ->
                    case catch Module:format_status(terminate, [get(), State, Data]) of
                        {'EXIT', _} -> {State, Data};
                        Formatted -> Formatted
                    end;
                false ->
                    {State, Data}
            end
    end.

exported(Mod, F, A) ->
    _ = (catch Mod:module_info(module)),
    erlang:function_exported(Mod, F, A).

%% ---------------------------------------------------------------------
%% Debug events (sys)

debug(_P, [], _Event) -> [];
debug(#params{name = Name}, Debug, Event) ->
    sys:handle_debug(Debug, fun print_event/3, Name, Event).

print_event(Dev, Event, Name) ->
    io:format(Dev, "*DBG* ~tp ~ts~n", [Name, event_text(Event)]).

event_text({enter, Module, State}) ->
    io_lib:format("enter ~tp in state ~tp", [Module, State]);
event_text({in, Event, State}) ->
    io_lib:format("receive ~ts in state ~tp", [event_string(Event), State]);
event_text({out, Reply, {To, _Tag}}) ->
    io_lib:format("send ~tp to ~tw", [Reply, To]);
event_text({consume, Event, State, NextState}) ->
    [io_lib:format("consume ~ts in state ~tp", [event_string(Event), State]),
     next_state_text(State, NextState)];
event_text({postpone, Event, State, NextState}) ->
    [io_lib:format("postpone ~ts in state ~tp", [event_string(Event), State]),
     next_state_text(State, NextState)];
event_text({start_timer, Action, State}) ->
    io_lib:format("start_timer ~tp in state ~tp", [Action, State]);
event_text({terminate, Reason, State}) ->
    io_lib:format("terminate ~tp in state ~tp", [Reason, State]);
event_text(Event) ->
    io_lib:format("dbg ~tp", [Event]).

next_state_text(State, State) -> "";
next_state_text(_State, NextState) -> io_lib:format(" => ~tp", [NextState]).

event_string({{call, {Pid, _Tag}}, Request}) ->
    io_lib:format("call ~tp from ~tw", [Request, Pid]);
event_string({EventType, EventContent}) ->
    io_lib:format("~tw ~tp", [EventType, EventContent]).

%% ---------------------------------------------------------------------
%% System messages (sys)

system_continue(Parent, Debug, {#params{callback_mode = undefined} = P, S}) ->
    %% After a code change the callback mode is asked for again.
    case callback_mode(P) of
        {ok, P1} -> loop(P1#params{parent = Parent}, Debug, S);
        {error, Reason} -> terminate(error, Reason, [], P#params{parent = Parent}, Debug, S, [])
    end;
system_continue(Parent, Debug, {P, S}) ->
    loop(P#params{parent = Parent}, Debug, S).

system_terminate(Reason, Parent, Debug, {P, S}) ->
    terminate(exit, Reason, [], P#params{parent = Parent}, Debug, S, []).

system_code_change({P, S}, _Mod, OldVsn, Extra) ->
    [Module | _] = P#params.modules,
    case exported(Module, code_change, 4) of
        true ->
            case catch Module:code_change(OldVsn, S#st.state, S#st.data, Extra) of
                {ok, NewState, NewData} ->
                    {ok, {P#params{callback_mode = undefined}, S#st{state = NewState, data = NewData}}};
                {ok, _} = Error -> {error, Error};
                Error -> Error
            end;
        false ->
            {ok, {P, S}}
    end.

system_get_state({_P, S}) ->
    {ok, {S#st.state, S#st.data}}.

system_replace_state(StateFun, {P, S}) ->
    {NewState, NewData} = Result = StateFun({S#st.state, S#st.data}),
    {ok, Result, {P, S#st{state = NewState, data = NewData}}}.

format_status(Opt, [PDict, SysState, Parent, Debug, {P, S}]) ->
    Header = gen:format_status_header("Status for state machine", P#params.name),
    Log = sys:get_log(Debug),
    [Module | _] = P#params.modules,
    Specific =
        case exported(Module, format_status, 2) of
            true ->
                case catch Module:format_status(Opt, [PDict, S#st.state, S#st.data]) of
                    {'EXIT', _} -> [{data, [{"State", {S#st.state, S#st.data}}]}];
                    L when is_list(L) -> L;
                    T -> [T]
                end;
            false ->
                [{data, [{"State", format_state(Module, S)}]}]
        end,
    Timers = [{Type, Content} || {Type, {_, Content}} <- maps:to_list(S#st.timers)],
    [{header, Header},
     {data, [{"Status", SysState}, {"Parent", Parent}, {"Modules", P#params.modules},
             {"Time-outs", {length(Timers), Timers}},
             {"Logged Events", Log},
             {"Postponed", lists:reverse(S#st.postponed)}]}
     | Specific].
