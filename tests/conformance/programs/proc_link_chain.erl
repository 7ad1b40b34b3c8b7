-module(proc_link_chain).
-export([main/0]).

%% A chain of linked processes: an abnormal exit at one end takes the whole
%% chain down; a trapping process at the head receives the EXIT message.
main() ->
    Top = self(),
    %% Chain of 5 non-trapping processes, each monitored by main.
    Pids = build_chain(5),
    Refs = [monitor(process, P) || P <- Pids],
    lists:last(Pids) ! {die, chain_broken},
    Reasons = [receive {'DOWN', R, process, _, W} -> W end || R <- Refs],
    io:format("all reasons: ~p~n", [Reasons]),
    io:format("none alive: ~p~n", [lists:all(fun(P) -> not is_process_alive(P) end, Pids)]),
    %% A trapping head stops the propagation.
    Head = spawn(fun() ->
                         process_flag(trap_exit, true),
                         Chain = build_chain(4),
                         link(hd(Chain)),
                         Top ! {chain, Chain},
                         receive {'EXIT', From, Why} -> Top ! {head_got, From =:= hd(Chain), Why} end
                 end),
    HeadRef = monitor(process, Head),
    receive {chain, Chain} -> ok end,
    lists:last(Chain) ! {die, tail_failure},
    receive {head_got, FromFirst, Why} -> io:format("head got EXIT from first link: ~p, reason ~p~n", [FromFirst, Why]) end,
    receive {'DOWN', HeadRef, process, Head, HW} -> io:format("head ended: ~p~n", [HW]) end,
    %% A normal exit does not propagate along links.
    Chain3 = build_chain(3),
    Refs3 = [monitor(process, P) || P <- Chain3],
    lists:last(Chain3) ! {die, normal},
    [Last3Ref] = lists:nthtail(2, Refs3),
    receive {'DOWN', Last3Ref, process, _, LW} -> io:format("last ended: ~p~n", [LW]) end,
    io:format("others alive: ~p~n", [[is_process_alive(P) || P <- lists:sublist(Chain3, 2)]]),
    [P ! {die, normal} || P <- lists:sublist(Chain3, 2)],
    [receive {'DOWN', R, process, _, _} -> ok end || R <- lists:sublist(Refs3, 2)],
    ok.

%% Each process links to the previous one; returns the pids first to last.
build_chain(N) ->
    Top = self(),
    First = spawn(fun() -> member() end),
    Rest = build_rest(N - 1, First, Top),
    [First | Rest].

build_rest(0, _Prev, _Top) -> [];
build_rest(N, Prev, Top) ->
    P = spawn(fun() -> link(Prev), Top ! {linked, self()}, member() end),
    receive {linked, P} -> ok end,
    [P | build_rest(N - 1, P, Top)].

member() ->
    receive {die, Reason} -> exit(Reason) end.
