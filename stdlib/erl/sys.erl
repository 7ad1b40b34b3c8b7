%% sys: the system message interface of OTP 25's behaviours, for processes started with
%% proc_lib that call handle_system_msg/6,7 for {system, From, Request} messages (the
%% gen_server, gen_statem, gen_event and supervisor modules here all do).
%%
%% Supported: get_state, replace_state, suspend, resume, get_status, change_code (only
%% while suspended, as in OTP), terminate, and the debug functions trace, log (get, print),
%% statistics, no_debug, install and remove, with the same replies and exit reasons as
%% OTP ({Reason, {sys, Func, Args}} when the process is missing or does not answer).
%% handle_debug/4, debug_options/1, get_log/1 and print_log/1 are there for behaviour
%% modules. Trace and log lines are printed by the traced process to standard_io.
%%
%% Left out: log_to_file, get_debug/3 and the statistics items that depend on the
%% emulator (reductions are counted from process_info).
-module(sys).

-export([suspend/1, suspend/2, resume/1, resume/2, get_state/1, get_state/2,
         replace_state/2, replace_state/3, get_status/1, get_status/2,
         change_code/4, change_code/5, terminate/2, terminate/3,
         log/2, log/3, trace/2, trace/3, statistics/2, statistics/3,
         no_debug/1, no_debug/2, install/2, install/3, remove/2, remove/3,
         handle_system_msg/6, handle_system_msg/7, handle_debug/4,
         debug_options/1, get_log/1, print_log/1]).

-define(DEFAULT_TIMEOUT, 5000).

%% ---------------------------------------------------------------------
%% Client side

suspend(Name) -> send_system_msg(Name, suspend).
suspend(Name, Timeout) -> send_system_msg(Name, suspend, Timeout).
resume(Name) -> send_system_msg(Name, resume).
resume(Name, Timeout) -> send_system_msg(Name, resume, Timeout).

get_state(Name) ->
    state_reply(send_system_msg(Name, get_state)).
get_state(Name, Timeout) ->
    state_reply(send_system_msg(Name, get_state, Timeout)).

replace_state(Name, StateFun) ->
    state_reply(send_system_msg(Name, {replace_state, StateFun})).
replace_state(Name, StateFun, Timeout) ->
    state_reply(send_system_msg(Name, {replace_state, StateFun}, Timeout)).

state_reply({ok, State}) -> State;
state_reply({error, {callback_failed, _, _} = Reason}) -> erlang:error(Reason);
state_reply(Other) -> Other.

get_status(Name) -> send_system_msg(Name, get_status).
get_status(Name, Timeout) -> send_system_msg(Name, get_status, Timeout).

change_code(Name, Mod, Vsn, Extra) ->
    send_system_msg(Name, {change_code, Mod, Vsn, Extra}).
change_code(Name, Mod, Vsn, Extra, Timeout) ->
    send_system_msg(Name, {change_code, Mod, Vsn, Extra}, Timeout).

terminate(Name, Reason) -> send_system_msg(Name, {terminate, Reason}).
terminate(Name, Reason, Timeout) -> send_system_msg(Name, {terminate, Reason}, Timeout).

log(Name, Flag) -> send_system_msg(Name, {debug, {log, Flag}}).
log(Name, Flag, Timeout) -> send_system_msg(Name, {debug, {log, Flag}}, Timeout).
trace(Name, Flag) -> send_system_msg(Name, {debug, {trace, Flag}}).
trace(Name, Flag, Timeout) -> send_system_msg(Name, {debug, {trace, Flag}}, Timeout).
statistics(Name, Flag) -> send_system_msg(Name, {debug, {statistics, Flag}}).
statistics(Name, Flag, Timeout) -> send_system_msg(Name, {debug, {statistics, Flag}}, Timeout).
no_debug(Name) -> send_system_msg(Name, {debug, no_debug}).
no_debug(Name, Timeout) -> send_system_msg(Name, {debug, no_debug}, Timeout).
install(Name, FuncSpec) -> send_system_msg(Name, {debug, {install, FuncSpec}}).
install(Name, FuncSpec, Timeout) -> send_system_msg(Name, {debug, {install, FuncSpec}}, Timeout).
remove(Name, Func) -> send_system_msg(Name, {debug, {remove, Func}}).
remove(Name, Func, Timeout) -> send_system_msg(Name, {debug, {remove, Func}}, Timeout).

send_system_msg(Name, Request) ->
    case catch gen:call(Name, system, Request) of
        {ok, Res} -> Res;
        {'EXIT', Reason} -> exit({Reason, mfa(Name, Request)})
    end.

send_system_msg(Name, Request, Timeout) ->
    case catch gen:call(Name, system, Request, Timeout) of
        {ok, Res} -> Res;
        {'EXIT', Reason} -> exit({Reason, mfa(Name, Request, Timeout)})
    end.

mfa(Name, {debug, {Func, Arg2}}) -> {sys, Func, [Name, Arg2]};
mfa(Name, {debug, Func}) -> {sys, Func, [Name]};
mfa(Name, {change_code, Mod, Vsn, Extra}) -> {sys, change_code, [Name, Mod, Vsn, Extra]};
mfa(Name, {terminate, Reason}) -> {sys, terminate, [Name, Reason]};
mfa(Name, Atom) -> {sys, Atom, [Name]}.

mfa(Name, {debug, {Func, Arg2}}, Timeout) -> {sys, Func, [Name, Arg2, Timeout]};
mfa(Name, {debug, Func}, Timeout) -> {sys, Func, [Name, Timeout]};
mfa(Name, {change_code, Mod, Vsn, Extra}, Timeout) ->
    {sys, change_code, [Name, Mod, Vsn, Extra, Timeout]};
mfa(Name, {terminate, Reason}, Timeout) -> {sys, terminate, [Name, Reason, Timeout]};
mfa(Name, Atom, Timeout) -> {sys, Atom, [Name, Timeout]}.

%% ---------------------------------------------------------------------
%% Process side

handle_system_msg(Msg, From, Parent, Module, Debug, Misc) ->
    handle_system_msg(running, Msg, From, Parent, Module, Debug, Misc, false).

handle_system_msg(Msg, From, Parent, Module, Debug, Misc, Hib) ->
    handle_system_msg(running, Msg, From, Parent, Module, Debug, Misc, Hib).

handle_system_msg(SysState, Msg, From, Parent, Mod, Debug, Misc, Hib) ->
    case do_cmd(SysState, Msg, Parent, Mod, Debug, Misc) of
        {suspended, Reply, NDebug, NMisc} ->
            gen:reply(From, Reply),
            suspend_loop(suspended, Parent, Mod, NDebug, NMisc, Hib);
        {running, Reply, NDebug, NMisc} ->
            gen:reply(From, Reply),
            Mod:system_continue(Parent, NDebug, NMisc);
        {{terminating, Reason}, Reply, NDebug, NMisc} ->
            gen:reply(From, Reply),
            Mod:system_terminate(Reason, Parent, NDebug, NMisc)
    end.

suspend_loop(SysState, Parent, Mod, Debug, Misc, Hib) ->
    receive
        {system, From, Msg} ->
            handle_system_msg(SysState, Msg, From, Parent, Mod, Debug, Misc, Hib);
        {'EXIT', Parent, Reason} ->
            Mod:system_terminate(Reason, Parent, Debug, Misc)
    end.

do_cmd(_, suspend, _Parent, _Mod, Debug, Misc) ->
    {suspended, ok, Debug, Misc};
do_cmd(_, resume, _Parent, _Mod, Debug, Misc) ->
    {running, ok, Debug, Misc};
do_cmd(SysState, get_state, _Parent, Mod, Debug, Misc) ->
    {SysState, do_get_state(Mod, Misc), Debug, Misc};
do_cmd(SysState, {replace_state, StateFun}, _Parent, Mod, Debug, Misc) ->
    {Res, NMisc} = do_replace_state(StateFun, Mod, Misc),
    {SysState, Res, Debug, NMisc};
do_cmd(SysState, get_status, Parent, Mod, Debug, Misc) ->
    {SysState, get_status(SysState, Parent, Mod, Debug, Misc), Debug, Misc};
do_cmd(SysState, {debug, What}, _Parent, _Mod, Debug, Misc) ->
    {Res, NDebug} = debug_cmd(What, Debug),
    {SysState, Res, NDebug, Misc};
do_cmd(_, {terminate, Reason}, _Parent, _Mod, Debug, Misc) ->
    {{terminating, Reason}, ok, Debug, Misc};
do_cmd(suspended, {change_code, Module, Vsn, Extra}, _Parent, Mod, Debug, Misc) ->
    case catch Mod:system_code_change(Misc, Module, Vsn, Extra) of
        {ok, NMisc} -> {suspended, ok, Debug, NMisc};
        Else -> {suspended, Else, Debug, Misc}
    end;
do_cmd(SysState, Other, _Parent, _Mod, Debug, Misc) ->
    {SysState, {error, {unknown_system_msg, Other}}, Debug, Misc}.

do_get_state(Mod, Misc) ->
    case exported(Mod, system_get_state, 1) of
        true ->
            try Mod:system_get_state(Misc) of
                {ok, _} = Ok -> Ok
            catch
                Class:Reason -> {error, {callback_failed, {Mod, system_get_state}, {Class, Reason}}}
            end;
        false ->
            {ok, Misc}
    end.

do_replace_state(StateFun, Mod, Misc) ->
    case exported(Mod, system_replace_state, 2) of
        true ->
            try Mod:system_replace_state(StateFun, Misc) of
                {ok, State, NMisc} -> {{ok, State}, NMisc}
            catch
                Class:Reason ->
                    {{error, {callback_failed, {Mod, system_replace_state}, {Class, Reason}}}, Misc}
            end;
        false ->
            try StateFun(Misc) of
                NMisc -> {{ok, NMisc}, NMisc}
            catch
                Class:Reason ->
                    {{error, {callback_failed, StateFun, {Class, Reason}}}, Misc}
            end
    end.

get_status(SysState, Parent, Mod, Debug, Misc) ->
    PDict = get(),
    FmtMisc = case exported(Mod, format_status, 2) of
                  true -> Mod:format_status(normal, [PDict, SysState, Parent, Debug, Misc]);
                  false -> Misc
              end,
    {status, self(), {module, Mod}, [PDict, SysState, Parent, Debug, FmtMisc]}.

exported(Mod, F, A) ->
    _ = (catch Mod:module_info(module)),
    erlang:function_exported(Mod, F, A).

%% ---------------------------------------------------------------------
%% Debug options
%%
%% Debug is a list of {trace, true}, {log, {N, Events}} (newest event first),
%% {statistics, {StartTime, Reductions0, MessagesIn, MessagesOut}} and
%% {install, [{Func, FuncState}]}.

debug_options(Options) -> debug_options(Options, []).

debug_options([trace | T], Debug) ->
    debug_options(T, set(trace, true, Debug));
debug_options([log | T], Debug) ->
    debug_options(T, set(log, {10, []}, Debug));
debug_options([{log, N} | T], Debug) when is_integer(N), N > 0 ->
    debug_options(T, set(log, {N, []}, Debug));
debug_options([statistics | T], Debug) ->
    debug_options(T, set(statistics, init_stat(), Debug));
debug_options([{install, {Func, FuncState}} | T], Debug) ->
    debug_options(T, install_debug(Func, FuncState, Debug));
debug_options([_ | T], Debug) ->
    debug_options(T, Debug);
debug_options([], Debug) ->
    Debug.

set(Key, Value, Debug) -> lists:keystore(Key, 1, Debug, {Key, Value}).
unset(Key, Debug) -> lists:keydelete(Key, 1, Debug).

debug_cmd({trace, true}, Debug) -> {ok, set(trace, true, Debug)};
debug_cmd({trace, false}, Debug) -> {ok, unset(trace, Debug)};
debug_cmd({log, true}, Debug) ->
    {_, Events} = log_of(Debug),
    {ok, set(log, {10, Events}, Debug)};
debug_cmd({log, {true, N}}, Debug) when is_integer(N), N > 0 ->
    {_, Events} = log_of(Debug),
    {ok, set(log, {N, lists:sublist(Events, N)}, Debug)};
debug_cmd({log, false}, Debug) -> {ok, unset(log, Debug)};
debug_cmd({log, get}, Debug) ->
    {_, Events} = log_of(Debug),
    {{ok, [E || {E, _, _} <- lists:reverse(Events)]}, Debug};
debug_cmd({log, print}, Debug) ->
    print_log(Debug),
    {ok, Debug};
debug_cmd({statistics, true}, Debug) -> {ok, set(statistics, init_stat(), Debug)};
debug_cmd({statistics, false}, Debug) -> {ok, unset(statistics, Debug)};
debug_cmd({statistics, get}, Debug) ->
    case lists:keyfind(statistics, 1, Debug) of
        {statistics, Stat} -> {{ok, stat_report(Stat)}, Debug};
        false -> {{ok, no_statistics}, Debug}
    end;
debug_cmd(no_debug, _Debug) -> {ok, []};
debug_cmd({install, {Func, FuncState}}, Debug) ->
    {ok, install_debug(Func, FuncState, Debug)};
debug_cmd({install, {_Id, Func, FuncState}}, Debug) ->
    {ok, install_debug(Func, FuncState, Debug)};
debug_cmd({remove, Func}, Debug) ->
    case lists:keyfind(install, 1, Debug) of
        {install, Fs} -> {ok, set(install, lists:keydelete(Func, 1, Fs), Debug)};
        false -> {ok, Debug}
    end;
debug_cmd(Other, Debug) -> {{error, {unknown_system_msg, {debug, Other}}}, Debug}.

log_of(Debug) ->
    case lists:keyfind(log, 1, Debug) of
        {log, Log} -> Log;
        false -> {10, []}
    end.

install_debug(Func, FuncState, Debug) ->
    Fs = case lists:keyfind(install, 1, Debug) of
             {install, L} -> L;
             false -> []
         end,
    set(install, [{Func, FuncState} | lists:keydelete(Func, 1, Fs)], Debug).

init_stat() ->
    {erlang:system_time(second), reductions(), 0, 0}.

reductions() ->
    case erlang:process_info(self(), reductions) of
        {reductions, R} -> R;
        _ -> 0
    end.

stat_report({Start, Reds0, In, Out}) ->
    [{start_time, Start}, {current_time, erlang:system_time(second)},
     {reductions, reductions() - Reds0}, {messages_in, In}, {messages_out, Out}].

handle_debug([], _FormFunc, _Extra, _Event) ->
    [];
handle_debug(Debug, FormFunc, Extra, Event) ->
    [debug_item(Item, FormFunc, Extra, Event) || Item <- Debug].

debug_item({trace, true} = Item, FormFunc, Extra, Event) ->
    print_event({Event, Extra, FormFunc}),
    Item;
debug_item({log, {N, Events}}, FormFunc, Extra, Event) ->
    {log, {N, lists:sublist([{Event, Extra, FormFunc} | Events], N)}};
debug_item({statistics, {Start, Reds, In, Out}}, _FormFunc, _Extra, Event) ->
    case Event of
        {in, _} -> {statistics, {Start, Reds, In + 1, Out}};
        {in, _, _} -> {statistics, {Start, Reds, In + 1, Out}};
        {out, _, _} -> {statistics, {Start, Reds, In, Out + 1}};
        {out, _, _, _} -> {statistics, {Start, Reds, In, Out + 1}};
        _ -> {statistics, {Start, Reds, In, Out}}
    end;
debug_item({install, Fs}, _FormFunc, Extra, Event) ->
    {install, run_installed(Fs, Event, Extra)};
debug_item(Item, _, _, _) ->
    Item.

run_installed([{F, S} | T], Event, Extra) ->
    case catch F(S, Event, Extra) of
        done -> run_installed(T, Event, Extra);
        {'EXIT', _} -> run_installed(T, Event, Extra);
        S1 -> [{F, S1} | run_installed(T, Event, Extra)]
    end;
run_installed([], _, _) ->
    [].

print_event({Event, Extra, FormFunc}) ->
    FormFunc(standard_io, Event, Extra).

%% The logged events, oldest first, for format_status.
get_log(Debug) ->
    case lists:keyfind(log, 1, Debug) of
        {log, {_N, Events}} -> [E || {E, _, _} <- lists:reverse(Events)];
        false -> []
    end.

print_log(Debug) ->
    case lists:keyfind(log, 1, Debug) of
        {log, {_N, Events}} -> lists:foreach(fun print_event/1, lists:reverse(Events));
        false -> ok
    end.
