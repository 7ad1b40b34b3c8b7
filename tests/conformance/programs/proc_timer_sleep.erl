-module(proc_timer_sleep).
-export([main/0]).

%% timer:sleep/1 suspends only the caller; messages wait in the mailbox.
main() ->
    io:format("sleep returns: ~p~n", [timer:sleep(10)]),
    io:format("sleep 0 returns: ~p~n", [timer:sleep(0)]),
    Top = self(),
    %% A child sends while we sleep; the message is there afterwards.
    spawn(fun() -> Top ! during_sleep end),
    timer:sleep(30),
    R1 = receive during_sleep -> there after 0 -> missing end,
    io:format("message sent during sleep: ~p~n", [R1]),
    %% Other processes keep running while one sleeps.
    Sleeper = spawn(fun() -> timer:sleep(50), Top ! {sleeper, done} end),
    Worker = spawn(fun() -> Top ! {worker, lists:sum(lists:seq(1, 1000))} end),
    _ = {Sleeper, Worker},
    First = receive {Who, _} -> Who end,
    io:format("first to answer: ~p~n", [First]),
    Second = receive {W2, _} -> W2 end,
    io:format("second to answer: ~p~n", [Second]),
    %% Sleeping processes finish in order of their sleep time.
    [spawn(fun() -> timer:sleep(D), Top ! {slept, D} end) || D <- [30, 10, 20]],
    Order = [receive {slept, D} -> D end || _ <- [1, 2, 3]],
    io:format("wake order: ~p~n", [Order]),
    %% timer:sleep(infinity) never returns: a child sleeping forever is
    %% still alive until killed.
    Forever = spawn(fun() -> timer:sleep(infinity) end),
    timer:sleep(10),
    io:format("infinite sleeper alive: ~p~n", [is_process_alive(Forever)]),
    exit(Forever, kill),
    io:format("after kill: ~p~n", [is_process_alive(Forever)]),
    ok.
