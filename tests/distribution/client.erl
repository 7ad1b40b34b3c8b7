%% The client of the distribution tests: run as a node (on erl or on ember) with the
%% partner's node name as its argument, it exercises what crosses nodes and prints what it
%% sees. Nothing it prints depends on which VM runs either side, so the output of every
%% pairing must be the same as when erl runs both.
-module(client).
-export([main/1]).

main([PartnerName]) ->
    Partner = list_to_atom(PartnerName),
    show(alive, is_alive()),
    show(monitor_nodes, net_kernel:monitor_nodes(true)),
    show(ping, net_adm:ping(Partner)),
    show(nodeup, receive {nodeup, Partner} -> yes after 5000 -> no end),
    show(connected, lists:member(Partner, nodes())),
    show(visible, lists:member(Partner, nodes(visible))),
    show(known, lists:member(node(), nodes(known))),
    messages(Partner),
    calls(Partner),
    monitors(Partner),
    links(Partner),
    rpcs(Partner),
    spawns(Partner),
    groups(Partner),
    node_down(Partner).

show(What, Value) -> io:format("~p: ~p~n", [What, Value]).

echo(Partner, Msg) ->
    {echo, Partner} ! {self(), Msg},
    receive
        {echoed, Back} -> Back
    after 5000 -> no_echo
    end.

messages(Partner) ->
    Terms = [atom, 42, -7, 1 bsl 70, 2.5, "a string", <<"a binary">>, <<1:3>>,
             [1, [2, {3}]], [a | b], {}, #{key => [value], 1 => 2.0}, fun lists:map/2],
    show(echoed, echo(Partner, Terms)),
    show(own_pid_back, echo(Partner, self()) =:= self()),
    %% A closure goes there and comes back as a fun (whichever VM made it).
    Offset = 100,
    show(fun_back, is_function(echo(Partner, fun(X) -> X + Offset end), 1)),
    Ref = make_ref(),
    show(own_ref_back, echo(Partner, Ref) =:= Ref),
    Remote = gen_server:call({counter, Partner}, spawn_worker),
    show(remote_pid_node, node(Remote) =:= Partner),
    show(remote_pid_back, echo(Partner, Remote) =:= Remote),
    %% A message to a registered name of this node, sent from the other node.
    register(client, self()),
    {echo, Partner} ! {{client, node()}, to_my_name},
    receive
        {echoed, to_my_name} -> show(reply_to_name, ok)
    after 5000 -> show(reply_to_name, none)
    end,
    %% Order between two nodes is kept.
    [{echo, Partner} ! {self(), N} || N <- lists:seq(1, 100)],
    show(in_order, [receive {echoed, N} -> N end || _ <- lists:seq(1, 100)] =:= lists:seq(1, 100)),
    %% A name the partner does not have: the message is dropped.
    {nobody, Partner} ! lost,
    show(unknown_name, echo(Partner, after_lost)).

calls(Partner) ->
    show(call, gen_server:call({counter, Partner}, {add, 5})),
    show(call, gen_server:call({counter, Partner}, {add, 7})),
    show(whoami, gen_server:call({counter, Partner}, whoami) =:= {node(), true}),
    show(is_auth, gen_server:call({net_kernel, Partner}, {is_auth, node()})),
    gen_server:cast({counter, Partner}, {tell, self(), cast_done}),
    receive cast_done -> show(cast, ok) after 5000 -> show(cast, none) end,
    show(call_unknown, reason(catch gen_server:call({nobody, Partner}, hello, 2000))).

monitors(Partner) ->
    W = gen_server:call({counter, Partner}, spawn_worker),
    M = erlang:monitor(process, W),
    W ! {exit, boom},
    show(down, receive {'DOWN', M, process, W, Why} -> Why after 5000 -> none end),
    M2 = erlang:monitor(process, W),
    show(down_dead, receive {'DOWN', M2, process, W, Why2} -> Why2 after 5000 -> none end),
    M3 = erlang:monitor(process, {nobody, Partner}),
    show(down_name, receive {'DOWN', M3, process, Who3, Why3} -> {Who3 =:= {nobody, Partner}, Why3} after 5000 -> none end),
    W4 = gen_server:call({counter, Partner}, spawn_worker),
    M4 = erlang:monitor(process, W4),
    show(demonitor, erlang:demonitor(M4, [flush])),
    W4 ! {exit, quiet},
    show(after_demonitor, receive {'DOWN', M4, _, _, _} -> got_down after 300 -> nothing end),
    W5 = gen_server:call({counter, Partner}, spawn_worker),
    M5 = erlang:monitor(process, W5),
    exit(W5, kill),
    show(killed, receive {'DOWN', M5, process, W5, Why5} -> Why5 after 5000 -> none end).

links(Partner) ->
    process_flag(trap_exit, true),
    W = gen_server:call({counter, Partner}, spawn_worker),
    link(W),
    W ! {exit, crash},
    show(exit, receive {'EXIT', W, Why} -> Why after 5000 -> none end),
    W2 = gen_server:call({counter, Partner}, spawn_worker),
    link(W2),
    unlink(W2),
    W2 ! {exit, unlinked},
    show(after_unlink, receive {'EXIT', W2, _} -> got_exit after 300 -> nothing end),
    %% The remote side links to us, then we exit it: it dies of our reason, its link
    %% brings the reason back.
    W3 = gen_server:call({counter, Partner}, spawn_worker),
    W3 ! {link_and_wait, self()},
    _ = echo(Partner, sync),
    exit(W3, stop_now),
    show(linked_from_there, receive {'EXIT', W3, Why3} -> Why3 after 5000 -> none end),
    show(link_dead, begin
                        link(W),
                        receive {'EXIT', W, Why4} -> Why4 after 5000 -> none end
                    end).

rpcs(Partner) ->
    show(rpc_call, rpc:call(Partner, lists, seq, [1, 3])),
    show(rpc_node, rpc:call(Partner, erlang, node, []) =:= Partner),
    show(rpc_throw, rpc:call(Partner, erlang, throw, [thrown])),
    show(rpc_exit, rpc:call(Partner, erlang, exit, [gone])),
    {badrpc, {'EXIT', {Undef, _}}} = rpc:call(Partner, no_such_module, f, []),
    show(rpc_undef, Undef),
    %% The function runs there with this node's group leader: its output comes here.
    show(rpc_output, rpc:call(Partner, io, format, ["printed there, shown here: ~p~n", [42]])),
    show(rpc_timeout, rpc:call(Partner, timer, sleep, [2000], 100)),
    show(rpc_cast, rpc:cast(Partner, erlang, send, [{client, node()}, cast_back])),
    show(cast_back, receive cast_back -> ok after 5000 -> none end),
    show(rpc_local, rpc:call(node(), lists, reverse, [[1, 2]])),
    show(erpc_call, erpc:call(Partner, lists, seq, [1, 3])),
    show(erpc_throw, catch erpc:call(Partner, erlang, throw, [thrown])),
    show(erpc_exit, catch erpc:call(Partner, erlang, exit, [gone])),
    show(erpc_error, try erpc:call(Partner, erlang, error, [oops]) catch error:{exception, R, _} -> R end),
    show(erpc_timeout, try erpc:call(Partner, timer, sleep, [2000], 100) catch error:{erpc, T} -> T end).

spawns(Partner) ->
    P = spawn(Partner, erlang, send, [{client, node()}, spawned]),
    show(spawn_node, node(P) =:= Partner),
    show(spawned, receive spawned -> ok after 5000 -> none end),
    {P2, M2} = spawn_monitor(Partner, erlang, exit, [boom]),
    show(spawn_monitor, receive {'DOWN', M2, process, P2, Why2} -> Why2 after 5000 -> none end),
    P3 = spawn_link(Partner, erlang, exit, [linked]),
    show(spawn_link, receive {'EXIT', P3, Why3} -> Why3 after 5000 -> none end),
    %% A process spawned there has this process's group leader: its output comes here.
    {P4, M4} = spawn_monitor(Partner, io, format, ["spawned there, shown here~n"]),
    show(spawn_output, receive {'DOWN', M4, process, P4, Why4} -> Why4 after 5000 -> none end),
    %% A node that is not there: a local pid that ends with noconnection (and a warning
    %% report, which erl writes to standard output: not with this level).
    logger:set_primary_config(level, error),
    [_, Host] = string:split(atom_to_list(Partner), "@"),
    Nowhere = list_to_atom("nobody_here@" ++ Host),
    show(spawn_nowhere, node(spawn(Nowhere, erlang, node, [])) =:= node()),
    {P5, M5} = spawn_monitor(Nowhere, erlang, node, []),
    show(spawn_monitor_nowhere, receive {'DOWN', M5, process, P5, Why5} -> Why5 after 5000 -> none end).

%% Process groups: the pg scopes of the two nodes find each other and share members.
groups(Partner) ->
    {ok, _} = pg:start_link(),
    Nodes = fun() -> lists:sort([node(P) || P <- pg:get_members(shared)]) end,
    There = fun() -> gen_server:call({counter, Partner}, {pg_nodes, shared}) end,
    show(pg_remote_member, until(Nodes, [Partner]) =:= [Partner]),
    ok = pg:join(shared, self()),
    show(pg_joined_here, Nodes() =:= lists:sort([node(), Partner])),
    show(pg_seen_there, until(There, lists:sort([node(), Partner])) =:= lists:sort([node(), Partner])),
    show(pg_local_members, pg:get_local_members(shared) =:= [self()]),
    ok = pg:leave(shared, self()),
    show(pg_left_there, until(There, [Partner]) =:= [Partner]).

%% F's value once it is Want (F is tried for up to 5 s), or its last value.
until(F, Want) -> until(F, Want, 250).

until(F, Want, Tries) ->
    case F() of
        Want -> Want;
        Other when Tries =:= 0 -> Other;
        _ ->
            timer:sleep(20),
            until(F, Want, Tries - 1)
    end.

node_down(Partner) ->
    {PgRef, _} = pg:monitor(shared),
    W = gen_server:call({counter, Partner}, spawn_worker),
    link(W),
    M = erlang:monitor(process, {counter, Partner}),
    M2 = erlang:monitor(process, W),
    monitor_node(Partner, true),
    {echo, Partner} ! halt,
    show(nodedown, receive {nodedown, Partner} -> yes after 10000 -> no end),
    %% monitor_node/2's message and monitor_nodes/1's are the same: the second one.
    show(nodedown_subscribed, receive {nodedown, Partner} -> yes after 10000 -> no end),
    show(link_noconnection, receive {'EXIT', W, Why} -> Why after 5000 -> none end),
    show(monitor_noconnection,
         receive {'DOWN', M, process, Who, Why2} -> {Who =:= {counter, Partner}, Why2} after 5000 -> none end),
    show(pid_monitor_noconnection, receive {'DOWN', M2, process, W, Why3} -> Why3 after 5000 -> none end),
    show(pg_member_gone, receive {PgRef, leave, shared, [P]} -> node(P) =:= Partner after 5000 -> none end),
    show(pg_members_after, pg:get_members(shared)),
    show(nodes_after, lists:member(Partner, nodes())),
    show(ping_after, net_adm:ping(Partner)),
    show(call_after, reason(catch gen_server:call({counter, Partner}, {add, 1})) =:= {nodedown, Partner}).

%% The reason of a failed gen_server call, without the call itself (which names nodes).
reason({'EXIT', {Reason, {gen_server, call, _}}}) -> Reason;
reason(Other) -> {unexpected, Other}.
