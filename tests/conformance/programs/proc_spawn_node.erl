-module(proc_spawn_node).
-export([main/0, reply/2]).

%% spawn/2 and spawn/4 with the local node name run locally.
reply(Parent, Term) ->
    Parent ! {reply, node(), Term}.

main() ->
    Self = self(),
    io:format("node: ~p~n", [node()]),
    P2 = spawn(node(), fun() -> Self ! {fun2, node()} end),
    io:format("spawn/2 pid: ~p~n", [is_pid(P2)]),
    receive {fun2, N2} -> io:format("spawn/2 ran on local node: ~p~n", [N2 =:= node()]) end,
    P4 = spawn(node(), ?MODULE, reply, [Self, four]),
    io:format("spawn/4 pid: ~p~n", [is_pid(P4)]),
    receive {reply, N4, T4} -> io:format("spawn/4 reply: ~p ~p~n", [N4 =:= node(), T4]) end,
    io:format("node of spawned pid: ~p~n", [node(P4) =:= node()]),
    P5 = spawn_link(node(), ?MODULE, reply, [Self, linked]),
    io:format("spawn_link/4 pid: ~p~n", [is_pid(P5)]),
    receive {reply, _, T5} -> io:format("spawn_link/4 reply: ~p~n", [T5]) end,
    P6 = spawn_link(node(), fun() -> Self ! linked_fun end),
    io:format("spawn_link/2 pid: ~p~n", [is_pid(P6)]),
    receive linked_fun -> io:format("spawn_link/2 ran~n") end,
    ok.
