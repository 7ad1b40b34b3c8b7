%% proc_lib: starting processes that follow the OTP design principles, as OTP 25's
%% proc_lib does. A process started here keeps its ancestors ('$ancestors', the parent
%% first, by registered name when it has one) and its initial call ('$initial_call',
%% translated to the callback module for gen_server, gen_statem and supervisor processes)
%% in its process dictionary, and when it ends with an exception other than exit with
%% normal, shutdown or {shutdown, _} it writes a crash report to standard_error (through
%% logger) and exits with {Reason, Stacktrace} for an error, {{nocatch, Value}, Stacktrace}
%% for a throw, Reason for an exit.
%%
%% start/start_link/start_monitor wait for init_ack/1,2 like OTP (a link or a monitor
%% reports a process that dies first; on timeout the process is killed).
%%
%% Left out: spawning on other nodes (a Node argument must be node()), the "neighbours"
%% part of crash reports, and format/2,3 beyond a plain text rendering of a crash report.
-module(proc_lib).

-export([spawn/1, spawn/2, spawn/3, spawn/4,
         spawn_link/1, spawn_link/2, spawn_link/3, spawn_link/4,
         spawn_opt/2, spawn_opt/3, spawn_opt/4, spawn_opt/5,
         start/3, start/4, start/5, start_link/3, start_link/4, start_link/5,
         start_monitor/3, start_monitor/4, start_monitor/5,
         init_ack/1, init_ack/2, initial_call/1, translate_initial_call/1,
         hibernate/3, stop/1, stop/3, format/1, format/2, format/3]).

%% Entry points of the processes started here.
-export([init_p/3, init_p/5, wake_up/3]).

-compile({no_auto_import, [spawn/1, spawn/2, spawn/3, spawn/4, spawn_link/1, spawn_link/2,
                           spawn_link/3, spawn_link/4, spawn_opt/2, spawn_opt/3,
                           spawn_opt/4, spawn_opt/5]}).

%% ---------------------------------------------------------------------
%% Spawning

spawn(F) when is_function(F) ->
    erlang:spawn(?MODULE, init_p, [my_name(), ancestors(), F]).

spawn(Node, F) when is_function(F) ->
    local(Node),
    spawn(F).

spawn(M, F, A) when is_atom(M), is_atom(F), is_list(A) ->
    erlang:spawn(?MODULE, init_p, [my_name(), ancestors(), M, F, A]).

spawn(Node, M, F, A) ->
    local(Node),
    spawn(M, F, A).

spawn_link(F) when is_function(F) ->
    erlang:spawn_link(?MODULE, init_p, [my_name(), ancestors(), F]).

spawn_link(Node, F) when is_function(F) ->
    local(Node),
    spawn_link(F).

spawn_link(M, F, A) when is_atom(M), is_atom(F), is_list(A) ->
    erlang:spawn_link(?MODULE, init_p, [my_name(), ancestors(), M, F, A]).

spawn_link(Node, M, F, A) ->
    local(Node),
    spawn_link(M, F, A).

spawn_opt(F, Opts) when is_function(F) ->
    erlang:spawn_opt(?MODULE, init_p, [my_name(), ancestors(), F], Opts).

spawn_opt(Node, F, Opts) when is_function(F) ->
    local(Node),
    spawn_opt(F, Opts).

spawn_opt(M, F, A, Opts) when is_atom(M), is_atom(F), is_list(A) ->
    erlang:spawn_opt(?MODULE, init_p, [my_name(), ancestors(), M, F, A], Opts).

spawn_opt(Node, M, F, A, Opts) ->
    local(Node),
    spawn_opt(M, F, A, Opts).

local(Node) when Node =:= node() -> ok;
local(Node) -> erlang:error(badarg, [Node]).

my_name() ->
    case erlang:process_info(self(), registered_name) of
        {registered_name, Name} -> Name;
        _ -> self()
    end.

ancestors() ->
    case get('$ancestors') of
        A when is_list(A) -> A;
        _ -> []
    end.

init_p(Parent, Ancestors, Fun) when is_function(Fun) ->
    put('$ancestors', [Parent | Ancestors]),
    {module, M} = erlang:fun_info(Fun, module),
    {name, F} = erlang:fun_info(Fun, name),
    {arity, A} = erlang:fun_info(Fun, arity),
    put('$initial_call', {M, F, A}),
    try
        Fun()
    catch
        Class:Reason:Stacktrace ->
            exit_p(Class, Reason, Stacktrace)
    end.

init_p(Parent, Ancestors, M, F, A) when is_atom(M), is_atom(F), is_list(A) ->
    put('$ancestors', [Parent | Ancestors]),
    put('$initial_call', trans_init(M, F, A)),
    try
        apply(M, F, A)
    catch
        Class:Reason:Stacktrace ->
            exit_p(Class, Reason, Stacktrace)
    end.

%% The initial call as it is shown for processes of the generic behaviours.
trans_init(gen, init_it, [gen_server, _, _, supervisor, {_, Module, _}, _]) ->
    {supervisor, Module, 1};
trans_init(gen, init_it, [gen_server, _, _, _, supervisor, {_, Module, _}, _]) ->
    {supervisor, Module, 1};
trans_init(gen, init_it, [gen_event | _]) ->
    {gen_event, init_it, 6};
trans_init(gen, init_it, [_GenMod, _, _, Module, _, _]) when is_atom(Module) ->
    {Module, init, 1};
trans_init(gen, init_it, [_GenMod, _, _, _, Module | _]) when is_atom(Module) ->
    {Module, init, 1};
trans_init(M, F, A) ->
    {M, F, length(A)}.

exit_p(Class, Reason, Stacktrace) ->
    case is_quiet(Class, Reason) of
        true -> ok;
        false -> crash_report(Class, Reason, Stacktrace)
    end,
    erlang:raise(exit, exit_reason(Class, Reason, Stacktrace), Stacktrace).

is_quiet(exit, normal) -> true;
is_quiet(exit, shutdown) -> true;
is_quiet(exit, {shutdown, _}) -> true;
is_quiet(_, _) -> false.

exit_reason(error, Reason, Stacktrace) -> {Reason, Stacktrace};
exit_reason(exit, Reason, _Stacktrace) -> Reason;
exit_reason(throw, Reason, Stacktrace) -> {{nocatch, Reason}, Stacktrace}.

%% ---------------------------------------------------------------------
%% Synchronous start

start(M, F, A) -> start(M, F, A, infinity).
start(M, F, A, Timeout) -> start(M, F, A, Timeout, []).

start(M, F, A, Timeout, SpawnOpts) when is_atom(M), is_atom(F), is_list(A) ->
    no_monitor(SpawnOpts, [M, F, A, Timeout, SpawnOpts]),
    {Pid, Ref} = spawn_opt(M, F, A, [monitor | SpawnOpts]),
    receive
        {ack, Pid, Return} ->
            erlang:demonitor(Ref, [flush]),
            Return;
        {'DOWN', Ref, process, Pid, Reason} ->
            {error, Reason}
    after Timeout ->
            erlang:demonitor(Ref, [flush]),
            kill_flush(Pid),
            {error, timeout}
    end.

start_link(M, F, A) -> start_link(M, F, A, infinity).
start_link(M, F, A, Timeout) -> start_link(M, F, A, Timeout, []).

start_link(M, F, A, Timeout, SpawnOpts) when is_atom(M), is_atom(F), is_list(A) ->
    no_monitor(SpawnOpts, [M, F, A, Timeout, SpawnOpts]),
    Pid = spawn_opt(M, F, A, [link | SpawnOpts]),
    receive
        {ack, Pid, Return} ->
            Return;
        {'EXIT', Pid, Reason} ->
            {error, Reason}
    after Timeout ->
            kill_flush(Pid),
            {error, timeout}
    end.

start_monitor(M, F, A) -> start_monitor(M, F, A, infinity).
start_monitor(M, F, A, Timeout) -> start_monitor(M, F, A, Timeout, []).

start_monitor(M, F, A, Timeout, SpawnOpts) when is_atom(M), is_atom(F), is_list(A) ->
    no_monitor(SpawnOpts, [M, F, A, Timeout, SpawnOpts]),
    {Pid, Ref} = spawn_opt(M, F, A, [monitor | SpawnOpts]),
    receive
        {ack, Pid, Return} ->
            {Return, Ref};
        {'DOWN', Ref, process, Pid, Reason} = Down ->
            self() ! Down,
            {{error, Reason}, Ref}
    after Timeout ->
            kill_flush(Pid),
            {{error, timeout}, Ref}
    end.

no_monitor(SpawnOpts, Args) ->
    case lists:member(monitor, SpawnOpts) of
        true -> erlang:error(badarg, Args);
        false -> ok
    end.

kill_flush(Pid) ->
    unlink(Pid),
    exit(Pid, kill),
    receive
        {'EXIT', Pid, _} -> ok
    after 0 -> ok
    end.

init_ack(Return) ->
    [Parent | _] = get('$ancestors'),
    init_ack(Parent, Return).

init_ack(Parent, Return) ->
    Parent ! {ack, self(), Return},
    ok.

%% ---------------------------------------------------------------------
%% Initial call

initial_call(Process) ->
    case dict_initial_call(Process) of
        {M, F, A} -> {M, F, [list_to_atom("Argument__" ++ integer_to_list(N)) || N <- lists:seq(1, A)]};
        false -> false
    end.

translate_initial_call(Process) ->
    case dict_initial_call(Process) of
        {_, _, _} = MFA -> MFA;
        false ->
            case process_info(to_pid(Process), initial_call) of
                {initial_call, MFA} -> MFA;
                _ -> {proc_lib, init_p, 5}
            end
    end.

dict_initial_call(Process) ->
    case process_info(to_pid(Process), dictionary) of
        {dictionary, D} ->
            case lists:keyfind('$initial_call', 1, D) of
                {_, {M, F, A}} when is_atom(M), is_atom(F), is_integer(A) -> {M, F, A};
                _ -> false
            end;
        _ -> false
    end.

to_pid(Pid) when is_pid(Pid) -> Pid;
to_pid(Name) when is_atom(Name) ->
    case whereis(Name) of
        undefined -> exit(noproc);
        Pid -> Pid
    end.

%% ---------------------------------------------------------------------
%% Hibernation: erlang:hibernate/3 drops the stack, and with it init_p's catch, so the
%% process wakes up in wake_up/3, which catches again for the crash report.

hibernate(M, F, A) -> erlang:hibernate(?MODULE, wake_up, [M, F, A]).

wake_up(M, F, A) when is_atom(M), is_atom(F), is_list(A) ->
    try
        apply(M, F, A)
    catch
        Class:Reason:Stacktrace ->
            exit_p(Class, Reason, Stacktrace)
    end.

%% ---------------------------------------------------------------------
%% Stopping a process that handles system messages

stop(Process) -> stop(Process, normal, infinity).

stop(Process, Reason, Timeout) ->
    Ref = erlang:monitor(process, Process),
    catch erlang:send(Process, {system, {self(), Ref}, {terminate, Reason}}),
    receive
        {'DOWN', Ref, process, _, Reason} ->
            flush_reply(Ref),
            ok;
        {'DOWN', Ref, process, _, Other} ->
            flush_reply(Ref),
            exit(Other)
    after Timeout ->
            erlang:demonitor(Ref, [flush]),
            flush_reply(Ref),
            exit(timeout)
    end.

flush_reply(Ref) ->
    receive {Ref, _} -> ok after 0 -> ok end.

%% ---------------------------------------------------------------------
%% Crash reports

crash_report(Class, Reason, Stacktrace) ->
    Text = format_crash(Class, Reason, Stacktrace),
    logger:report(error, "CRASH REPORT", Text, ?MODULE).

format_crash(Class, Reason, Stacktrace) ->
    Self = self(),
    Info = fun(Item) ->
                   case erlang:process_info(Self, Item) of
                       {Item, V} -> V;
                       _ -> []
                   end
           end,
    InitialCall = case get('$initial_call') of
                      {M, F, A} -> io_lib:format("~tw:~tw/~w", [M, F, A]);
                      _ -> "[]"
                  end,
    Dict = [KV || {K, _} = KV <- Info(dictionary), K =/= '$ancestors', K =/= '$initial_call'],
    ["  crasher:\n",
     "    initial call: ", InitialCall, "\n",
     io_lib:format("    pid: ~w~n", [Self]),
     io_lib:format("    registered_name: ~tw~n", [Info(registered_name)]),
     format_exception(Class, Reason, Stacktrace, "    "),
     io_lib:format("    ancestors: ~tw~n", [ancestors()]),
     io_lib:format("    message_queue_len: ~w~n", [Info(message_queue_len)]),
     io_lib:format("    messages: ~tp~n", [Info(messages)]),
     io_lib:format("    links: ~w~n", [Info(links)]),
     io_lib:format("    dictionary: ~tp~n", [Dict]),
     io_lib:format("    trap_exit: ~w~n", [Info(trap_exit)]),
     io_lib:format("    status: ~w~n", [Info(status)]),
     io_lib:format("    heap_size: ~w~n", [Info(heap_size)]),
     io_lib:format("    stack_size: ~w~n", [Info(stack_size)]),
     io_lib:format("    reductions: ~w~n", [Info(reductions)]),
     "  neighbours:\n"].

format_exception(Class, Reason, Stack, Indent) ->
    [Indent, "exception ", atom_to_list(Class), ": ", explain(Class, Reason), "\n"
     | format_stack(Stack, Indent ++ "  ", "in function  ")].

explain(error, badarith) -> "an error occurred when evaluating an arithmetic expression";
explain(error, badarg) -> "bad argument";
explain(error, function_clause) -> "no function clause matching";
explain(error, if_clause) -> "no true branch found when evaluating an if expression";
explain(error, {badmatch, V}) -> io_lib:format("no match of right hand side value ~tp", [V]);
explain(error, {case_clause, V}) -> io_lib:format("no case clause matching ~tp", [V]);
explain(error, {try_clause, V}) -> io_lib:format("no try clause matching ~tp", [V]);
explain(error, {badkey, K}) -> io_lib:format("bad key ~tp", [K]);
explain(error, {badmap, M}) -> io_lib:format("bad map ~tp", [M]);
explain(error, {badfun, F}) -> io_lib:format("bad function ~tp", [F]);
explain(error, undef) -> "undefined function";
explain(error, timeout_value) -> "bad receive timeout value";
explain(error, system_limit) -> "a system limit has been reached";
explain(_, Reason) -> io_lib:format("~tp", [Reason]).

format_stack([], _, _) -> [];
format_stack([{M, F, A, Loc} | T], Indent, Label) ->
    Arity = if is_list(A) -> length(A); true -> A end,
    Where = case {lists:keyfind(file, 1, Loc), lists:keyfind(line, 1, Loc)} of
                {{file, File}, {line, Line}} -> io_lib:format(" (~ts, line ~w)", [File, Line]);
                _ -> ""
            end,
    [Indent, Label, io_lib:format("~tw:~tw/~w", [M, F, Arity]), Where, "\n"
     | format_stack(T, Indent, "in call from ")];
format_stack([_ | T], Indent, Label) ->
    format_stack(T, Indent, Label).

%% format(CrashReport): the text of a crash report as made by this module.
format(CrashReport) -> format(CrashReport, latin1).
format(CrashReport, Encoding) -> format(CrashReport, Encoding, unlimited).
format(CrashReport, _Encoding, _Depth) ->
    lists:flatten(io_lib:format("~tp~n", [CrashReport])).
