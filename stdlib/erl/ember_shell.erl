%% ember_shell: the shell's evaluator. Inputs typed in the shell are compiled to a module
%% and run here, in one long-lived process, so that self(), the mailbox and the process
%% dictionary last from one input to the next, as in erl's shell. A watcher process reports
%% the evaluator's death (an exit signal, or Ctrl-C) to the shell, which starts a new one.
%% Also the shell commands that run as Erlang code: flush/0, i/0, regs/0.
-module(ember_shell).
-export([start/1, watch/1, loop/1, flush/0, i/0, regs/0]).

%% Starts a watcher, which starts the evaluator; returns the evaluator's pid.
start(Host) ->
    Watcher = spawn(?MODULE, watch, [Host]),
    receive {ember_shell_started, Watcher, Eval} -> Eval end.

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
