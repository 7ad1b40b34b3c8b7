%% ember_shell: the shell's evaluator. Inputs typed in the shell are compiled to a module
%% and run here, in one long-lived process, so that self(), the mailbox and the process
%% dictionary last from one input to the next, as in erl's shell. A watcher process reports
%% the evaluator's death (an exit signal, or Ctrl-C) to the shell, which starts a new one.
%% Also the shell commands that run as Erlang code: flush/0, i/0,1, regs/0, trace/1,
%% untrace/1, top/0.
-module(ember_shell).
-export([start/1, watch/1, loop/1, flush/0, i/0, i/1, regs/0, trace/1, untrace/1, top/0]).

%% Starts a watcher, which starts the evaluator and tells the shell its pid.
start(Host) ->
    spawn(?MODULE, watch, [Host]),
    ok.

watch(Host) ->
    process_flag(trap_exit, true),
    Eval = spawn_link(?MODULE, loop, [Host]),
    Host ! {ember_shell_started, self(), Eval},
    receive
        {'EXIT', Eval, Reason} -> Host ! {ember_shell_died, Eval, Reason}
    end.

loop(Host) ->
    receive
        {eval, M, F, Args} ->
            Reply = try {value, apply(M, F, Args)}
                    catch Class:Reason:Stack -> {exception, Class, Reason, Stack}
                    end,
            Host ! {ember_shell_result, self(), Reply},
            loop(Host)
    end.

%% Prints and removes every message in the evaluator's mailbox.
flush() ->
    receive
        M ->
            io:format("Shell got ~p~n", [M]),
            flush()
    after 0 ->
        ok
    end.

%% A table of the processes: pid, initial call, current function, reductions, messages.
i() ->
    io:format("~-12s ~-30s ~12s ~8s~n", ["Pid", "Initial call", "Reductions", "Msgs"]),
    lists:foreach(
        fun(P) ->
            case process_info(P, [initial_call, reductions, message_queue_len]) of
                [{initial_call, {M, F, A}}, {reductions, R}, {message_queue_len, Q}] ->
                    Call = lists:flatten(io_lib:format("~w:~w/~w", [M, F, A])),
                    io:format("~-12w ~-30s ~12w ~8w~n", [P, Call, R, Q]);
                _ ->
                    ok
            end
        end,
        processes()),
    ok.

%% The registered names with their pids.
regs() ->
    lists:foreach(fun(N) -> io:format("~-24w ~w~n", [N, whereis(N)]) end, lists:sort(registered())),
    ok.

%% Shows the messages Pid receives and sends, live, until untrace(Pid).
trace(Pid) when is_pid(Pid) ->
    Printer = spawn(fun() -> print_trace() end),
    erlang:trace(Pid, true, [send, 'receive', {tracer, Printer}]),
    ok.

untrace(Pid) when is_pid(Pid) ->
    erlang:trace(Pid, false, [all]),
    ok.

print_trace() ->
    receive
        {trace, Pid, 'receive', Msg} ->
            io:format("~w received ~p~n", [Pid, Msg]),
            print_trace();
        {trace, Pid, send, Msg, To} ->
            io:format("~w sent ~p to ~w~n", [Pid, Msg, To]),
            print_trace()
    end.

%% The busiest processes: by reductions, with their message queue and current function.
top() ->
    Infos = [{P, I} || P <- processes(),
                       [_, _, _] = I <- [process_info(P, [reductions, message_queue_len, current_function])]],
    Sorted = lists:sublist(lists:reverse(lists:keysort(1, [{R, P, Q, F} || {P, [{reductions, R}, {message_queue_len, Q}, {current_function, F}]} <- Infos])), 10),
    io:format("~-12s ~12s ~8s  ~s~n", ["Pid", "Reductions", "Msgs", "Current function"]),
    lists:foreach(
        fun({R, P, Q, F}) ->
            Fun = case F of {M, N, A} -> io_lib:format("~w:~w/~w", [M, N, A]); _ -> "-" end,
            io:format("~-12w ~12w ~8w  ~s~n", [P, R, Q, Fun])
        end,
        Sorted),
    ok.

%% Everything process_info/1 tells about a process.
i(Pid) when is_pid(Pid) ->
    case process_info(Pid) of
        undefined -> undefined;
        Info -> io:format("~p~n", [Info]), ok
    end.
