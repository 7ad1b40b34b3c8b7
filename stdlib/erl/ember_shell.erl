%% ember_shell: the shell's evaluator. Inputs typed in the shell are compiled to a module
%% and run here, in one long-lived process, so that self(), the mailbox and the process
%% dictionary last from one input to the next, as in erl's shell. A watcher process reports
%% the evaluator's death (an exit signal, or Ctrl-C) to the shell, which starts a new one.
%% Also the shell commands that run as Erlang code: flush/0, i/0,1, regs/0, trace/1,
%% untrace/1, top/0.
-module(ember_shell).
-export([start/1, watch/1, loop/1, flush/0, i/0, i/1, regs/0, trace/1, untrace/1, top/0,
         m/0, m/1, h/1, h/2, pwd/0, cd/1, ls/0, ls/1, v/1, tree/1]).

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
        {eval, M, F, Args, N} ->
            Reply = try {value, apply(M, F, Args)}
                    catch Class:Reason:Stack -> {exception, Class, Reason, Stack}
                    end,
            case Reply of
                {value, {V, _}} -> put({'$ember_v', N}, V);
                _ -> ok
            end,
            Host ! {ember_shell_result, self(), Reply},
            loop(Host)
    end.

%% The value of input N (a negative N counts back from the current input).
v(N) when is_integer(N), N > 0 ->
    case get({'$ember_v', N}) of
        undefined -> erlang:error({no_value, N});
        V -> V
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
    io:format("~-12s ~-30s ~-30s ~10s ~6s ~8s~n",
              ["Pid", "Initial call", "Current function", "Reds", "Msgs", "Memory"]),
    lists:foreach(
        fun(P) ->
            case process_info(P, [initial_call, current_function, reductions, message_queue_len, memory]) of
                [{initial_call, I}, {current_function, C}, {reductions, R}, {message_queue_len, Q}, {memory, Mem}] ->
                    io:format("~-12w ~-30s ~-30s ~10w ~6w ~8w~n", [P, mfa(I), mfa(C), R, Q, Mem]);
                _ ->
                    ok
            end
        end,
        processes()),
    ok.

mfa({M, F, A}) -> lists:flatten(io_lib:format("~w:~w/~w", [M, F, A]));
mfa(_) -> "-".

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

%% The loaded modules.
m() ->
    io:format("~-24s ~s~n", ["Module", "File"]),
    lists:foreach(
        fun({M, File}) -> io:format("~-24w ~s~n", [M, File]) end,
        lists:sort([{M, file_of(M)} || M <- erlang:loaded()])),
    ok.

%% What a module exports, and its attributes.
m(M) when is_atom(M) ->
    Exports = M:module_info(exports),
    io:format("Module: ~w~nExports:~n", [M]),
    lists:foreach(fun({F, A}) -> io:format("    ~w/~w~n", [F, A]) end, lists:sort(Exports)),
    io:format("Attributes:~n"),
    lists:foreach(fun(A) -> io:format("    ~p~n", [A]) end, M:module_info(attributes)),
    ok.

file_of(M) ->
    case code:is_loaded(M) of
        {file, File} -> File;
        false -> "-"
    end.

%% Help on a module: its exported functions (ember keeps no documentation text yet).
h(M) when is_atom(M) ->
    Exports = lists:sort(M:module_info(exports)),
    io:format("~n\t~w~n~n", [M]),
    lists:foreach(fun({F, A}) -> io:format("  ~w/~w~n", [F, A]) end, Exports),
    ok.

h(M, F) when is_atom(M), is_atom(F) ->
    case [A || {G, A} <- M:module_info(exports), G =:= F] of
        [] -> {error, missing};
        Arities -> lists:foreach(fun(A) -> io:format("  ~w:~w/~w~n", [M, F, A]) end, lists:sort(Arities)), ok
    end.

pwd() ->
    {ok, Dir} = file:get_cwd(),
    io:format("~s~n", [Dir]).

cd(Dir) ->
    file:set_cwd(Dir),
    pwd().

ls() -> ls(".").

ls(Dir) ->
    case file:list_dir(Dir) of
        {ok, Names} -> print_names(lists:sort(Names));
        {error, Reason} -> {error, Reason}
    end.

print_names(Names) ->
    Width = lists:max([0 | [length(N) || N <- Names]]) + 2,
    PerLine = max(1, 80 div Width),
    print_names(Names, PerLine, 0, Width).

print_names([], _, _, _) -> io:format("~n");
print_names([N | Rest], PerLine, Col, Width) when Col + 1 >= PerLine ->
    io:format("~s~n", [N]),
    print_names2(Rest, PerLine, Width);
print_names([N | Rest], PerLine, Col, Width) ->
    io:format("~-*s", [Width, N]),
    print_names(Rest, PerLine, Col + 1, Width).

print_names2([], _, _) -> ok;
print_names2(Names, PerLine, Width) -> print_names(Names, PerLine, 0, Width).

%% Draws a supervision tree: the supervisor's strategy, then each child's id, pid, type,
%% restart type, restarts so far and status, with supervisors' own children indented.
tree(Sup) ->
    case whereis_sup(Sup) of
        undefined -> {error, noproc};
        Pid -> tree(Pid, Sup, "", ""), ok
    end.

whereis_sup(Pid) when is_pid(Pid) -> Pid;
whereis_sup(Name) when is_atom(Name) -> whereis(Name).

tree(Pid, Label, Head, Indent) ->
    State = sys:get_state(Pid),
    [state, _Name, Strategy, Children, _Dynamics, Intensity, Period, Recent | _] = tuple_to_list(State),
    io:format("~s~w ~w (~w, at most ~w restarts in ~ws; ~w recent)~n",
              [Head, Label, Pid, Strategy, Intensity, Period, length(Recent)]),
    Counts = case process_info(Pid, dictionary) of
                 {dictionary, D} -> [{Id, N} || {{'$ember_restarts', Id}, N} <- D];
                 _ -> []
             end,
    tree_children(lists:reverse(Children), Indent, Counts).

tree_children([], _, _) -> ok;
tree_children([Child | Rest], Indent, Counts) ->
    [child, Pid, Id, _MFA, Restart, _Significant, _Shutdown, Type | _] = tuple_to_list(Child),
    Restarts = case lists:keyfind(Id, 1, Counts) of {_, R} -> R; false -> 0 end,
    {Branch, Cont} = case Rest of [] -> {"`-- ", "    "}; _ -> {"|-- ", "|   "} end,
    Status = case Pid of
                 P when is_pid(P) -> case is_process_alive(P) of true -> running; false -> dead end;
                 Other -> Other
             end,
    case {Type, Pid} of
        {supervisor, SubPid} when is_pid(SubPid) ->
            tree(SubPid, Id, Indent ++ Branch, Indent ++ Cont);
        _ ->
            io:format("~s~s~w ~w ~w ~w, restarts: ~w, ~w~n",
                      [Indent, Branch, Id, Pid, Type, Restart, Restarts, Status])
    end,
    tree_children(Rest, Indent, Counts).
