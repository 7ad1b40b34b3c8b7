-module(proc_crash_throw).
-export([main/0]).

%% An uncaught throw in a process ends it with {{nocatch, Value}, Stack};
%% exit/1 ends it with the bare reason and no stack.
main() ->
    quiet(),
    {P1, R1} = spawn_monitor(fun() -> throw(thrown_value) end),
    receive {'DOWN', R1, process, P1, {W1, S1}} -> io:format("throw: ~p ~p~n", [W1, is_list(S1)]) end,
    {P2, R2} = spawn_monitor(fun() -> throw({complex, [1, 2]}) end),
    receive {'DOWN', R2, process, P2, {W2, _}} -> io:format("throw tuple: ~p~n", [W2]) end,
    {P3, R3} = spawn_monitor(fun() -> exit(plain_exit) end),
    receive {'DOWN', R3, process, P3, W3} -> io:format("exit/1: ~p~n", [W3]) end,
    %% A throw caught inside the process is not a crash.
    Top = self(),
    {P4, R4} = spawn_monitor(fun() -> Top ! {caught, catch throw(inner)} end),
    receive {caught, C} -> io:format("caught inside: ~p~n", [C]) end,
    receive {'DOWN', R4, process, P4, W4} -> io:format("then ended: ~p~n", [W4]) end,
    %% try/catch in the child converts an error into a normal exit.
    {P5, R5} = spawn_monitor(fun() ->
                                     try error(oops)
                                     catch error:E -> Top ! {handled, E}
                                     end
                             end),
    receive {handled, H} -> io:format("handled: ~p~n", [H]) end,
    receive {'DOWN', R5, process, P5, W5} -> io:format("then ended: ~p~n", [W5]) end,
    ok.

%% erl's logger prints a timestamped report for every process that dies
%% from an uncaught error; switch it off so the output is deterministic.
quiet() -> catch logger:set_primary_config(level, none).
