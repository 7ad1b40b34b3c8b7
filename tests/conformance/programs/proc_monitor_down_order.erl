%% Several monitors of one process by the same process, some removed, and monitors from
%% other processes in between: the 'DOWN' messages come in the order the monitors were
%% made.
-module(proc_monitor_down_order).
-export([main/0]).

main() ->
    P = spawn(fun() -> receive stop -> ok end end),
    Refs = [monitor(process, P) || _ <- lists:seq(1, 6)],
    demonitor(lists:nth(2, Refs)),
    Main = self(),
    Others = [spawn(fun() -> watch(Main, P) end) || _ <- [1, 2]],
    demonitor(lists:nth(5, Refs)),
    More = [monitor(process, P) || _ <- [7, 8]],
    All = Refs ++ More,
    wait_until_monitored(P, 8),
    {monitored_by, By} = process_info(P, monitored_by),
    io:format("~p monitored_by entries, self ~p times~n",
              [length(By), length([X || X <- By, X =:= self()])]),
    P ! stop,
    Order = [receive {'DOWN', R, process, P, normal} -> index(R, All, 1) end || _ <- lists:seq(1, 6)],
    io:format("order ~p~n", [Order]),
    io:format("watchers ~p~n", [[receive {done, O, W} -> W end || O <- Others]]),
    io:format("left ~p~n", [receive M -> M after 50 -> none end]).

watch(Main, P) ->
    R = monitor(process, P),
    receive {'DOWN', R, process, P, Why} -> Main ! {done, self(), Why} end.

wait_until_monitored(P, N) ->
    case process_info(P, monitored_by) of
        {monitored_by, By} when length(By) >= N -> ok;
        _ -> timer:sleep(1), wait_until_monitored(P, N)
    end.

index(R, [R | _], N) -> N;
index(R, [_ | T], N) -> index(R, T, N + 1).
