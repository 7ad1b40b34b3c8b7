-module(proc_crash_propagate).
-export([main/0]).

%% A supervisor-like process: it traps exits, restarts a crashing worker a
%% few times and reports each exit reason.
main() ->
    quiet(),
    Top = self(),
    spawn(fun() -> process_flag(trap_exit, true), supervise(Top, 0, []) end),
    receive {report, Reasons} -> io:format("exit reasons: ~p~n", [Reasons]) end,
    ok.

supervise(Top, 4, Acc) ->
    Top ! {report, lists:reverse(Acc)};
supervise(Top, N, Acc) ->
    W = spawn_link(fun() -> worker(N) end),
    receive
        {'EXIT', W, {Reason, Stack}} when is_list(Stack) -> supervise(Top, N + 1, [{crash, Reason} | Acc]);
        {'EXIT', W, Reason} -> supervise(Top, N + 1, [{exit, Reason} | Acc])
    end.

worker(0) -> exit(normal);
worker(1) -> error({worker_failed, 1});
worker(2) -> exit({shutdown, 2});
worker(3) -> throw(three).

%% erl's logger prints a timestamped report for every process that dies
%% from an uncaught error; switch it off so the output is deterministic.
quiet() -> catch logger:set_primary_config(level, none).
