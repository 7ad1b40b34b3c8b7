%% Process aliases: alias/0,1, unalias/1, monitor/3 with the alias option, sends to an
%% alias (delivered while active, dropped after), and gen_server:call's late replies.
-module(proc_alias).
-export([main/0]).
-export([init/1, handle_call/3, handle_cast/2]).

main() ->
    A = alias(),
    A ! one,
    io:format("~p~n", [receive X -> X after 100 -> none end]),
    io:format("unalias: ~p ~p~n", [unalias(A), unalias(A)]),
    A ! two,
    io:format("~p~n", [receive Y -> Y after 100 -> none end]),
    io:format("~p~n", [top(catch unalias(self()))]),
    %% reply: the first message deactivates it
    R = alias([reply]),
    R ! r1, R ! r2,
    io:format("~p~n", [flush()]),
    io:format("unalias reply: ~p~n", [unalias(R)]),
    %% explicit_unalias survives demonitor
    Self = self(),
    P = spawn(fun() -> receive {go, To} -> To ! from_other, Self ! done end end),
    E = monitor(process, P, [{alias, explicit_unalias}]),
    demonitor(E),
    P ! {go, E},
    receive done -> ok end,
    io:format("~p~n", [flush()]),
    io:format("unalias explicit: ~p~n", [unalias(E)]),
    %% demonitor mode: deactivated by demonitor
    P2 = spawn(fun() -> receive {go, To} -> To ! from_other, Self ! done end end),
    D = monitor(process, P2, [{alias, demonitor}]),
    demonitor(D, [flush]),
    P2 ! {go, D},
    receive done -> ok end,
    io:format("~p~n", [flush()]),
    io:format("unalias demonitor: ~p~n", [unalias(D)]),
    %% reply_demonitor: the first reply ends both alias and monitor
    P3 = spawn(fun() -> receive {go, To} -> To ! reply1, To ! reply2, Self ! done end end),
    RD = monitor(process, P3, [{alias, reply_demonitor}]),
    P3 ! {go, RD},
    receive done -> ok end,
    timer:sleep(20),
    io:format("~p~n", [[strip(M, RD) || M <- flush()]]),
    io:format("unalias reply_demonitor: ~p~n", [unalias(RD)]),
    %% the alias dies with a monitor that fires
    P4 = spawn(fun() -> ok end),
    M4 = monitor(process, P4, [{alias, demonitor}]),
    receive {'DOWN', M4, process, P4, Why} -> io:format("down ~p~n", [Why]) end,
    io:format("unalias after down: ~p~n", [unalias(M4)]),
    io:format("~p~n", [top(catch monitor(process, self(), [bad]))]),
    io:format("~p~n", [top(catch monitor(process, self(), [{alias, bad}]))]),
    io:format("~p~n", [top(catch alias([bad]))]),
    %% gen_server: a late reply is dropped
    {ok, S} = gen_server:start(?MODULE, [], []),
    io:format("~p~n", [element(1, element(2, catch gen_server:call(S, slow, 10)))]),
    timer:sleep(100),
    io:format("left: ~p~n", [flush()]),
    io:format("~p~n", [gen_server:call(S, fast)]),
    ReqId = gen_server:send_request(S, fast),
    io:format("~p~n", [gen_server:wait_response(ReqId, 1000)]),
    ok.

strip(M, _) -> M.

%% The error and the function that raised it (the pid in its arguments varies).
top({'EXIT', {Reason, [{M, F, Args, _} | _]}}) -> {Reason, M, F, length(Args)}.

flush() ->
    receive M -> [M | flush()] after 0 -> [] end.

init(S) -> {ok, S}.
handle_call(slow, _From, S) -> timer:sleep(50), {reply, late, S};
handle_call(fast, {Pid, Tag}, S) ->
    {reply, {is_pid(Pid), case Tag of [alias | T] -> is_reference(T); _ -> other end}, S}.
handle_cast(_, S) -> {noreply, S}.
