-module(proc_info_status).
-export([main/0]).

%% process_info(Pid, status): a process always sees itself as running; a
%% process blocked in receive is eventually waiting.
main() ->
    io:format("self: ~p~n", [process_info(self(), status)]),
    Top = self(),
    P = spawn(fun() -> Top ! {ready, self()}, receive stop -> ok end end),
    receive {ready, P} -> ok end,
    io:format("blocked in receive: ~p~n", [wait_status(P, waiting, 5000)]),
    S = spawn(fun() -> timer:sleep(100000) end),
    io:format("in timer:sleep: ~p~n", [wait_status(S, waiting, 5000)]),
    P ! stop,
    exit(S, kill),
    Ref = monitor(process, P),
    receive {'DOWN', Ref, process, P, _} -> ok end,
    io:format("dead: ~p~n", [process_info(P, status)]),
    ok.

%% Poll until the status is the wanted one (or give up).
wait_status(_P, _Want, 0) -> gave_up;
wait_status(P, Want, N) ->
    case process_info(P, status) of
        {status, Want} -> {status, Want};
        _ -> timer:sleep(1), wait_status(P, Want, N - 1)
    end.
