%% gen_udp on the loopback interface: ports the system picks, datagrams both ways in
%% passive mode (with timeouts) and in active, once and counted modes, binaries and lists,
%% sending to a host name, ownership, and errors.
-module(lib_gen_udp).
-export([main/0]).

show(What, Value) -> io:format("~p: ~p~n", [What, Value]).

flush() ->
    receive M -> [M | flush()] after 200 -> [] end.

strip(Sock, Msgs) ->
    [case M of
         {udp, Sock, Ip, _Port, Data} -> {udp, Ip, Data};
         {udp_passive, Sock} -> udp_passive;
         Other -> {other, Other}
     end || M <- Msgs].

main() ->
    {ok, A} = gen_udp:open(0, [binary, {active, false}]),
    {ok, B} = gen_udp:open(0, [binary, {active, false}, {ip, {127, 0, 0, 1}}]),
    {ok, PortA} = inet:port(A),
    {ok, PortB} = inet:port(B),
    show(ports, is_integer(PortA) andalso is_integer(PortB) andalso PortA =/= PortB),
    show(b_name, element(1, element(2, inet:sockname(B)))),
    ok = gen_udp:send(A, {127, 0, 0, 1}, PortB, <<"hello">>),
    ok = gen_udp:send(A, "localhost", PortB, ["wor", $l, <<"d">>]),
    {ok, {FromIp, FromPort, D1}} = gen_udp:recv(B, 0, 1000),
    show(first, {FromIp, FromPort =:= PortA, D1}),
    {ok, {_, _, D2}} = gen_udp:recv(B, 0, 1000),
    show(second, D2),
    show(timeout, gen_udp:recv(B, 0, 50)),
    ok = gen_udp:send(B, {127, 0, 0, 1}, PortA, <<>>),
    show(empty, element(3, element(2, gen_udp:recv(A, 0, 1000)))),
    %% Active modes, lists.
    ok = inet:setopts(B, [list, {active, true}]),
    [ok = gen_udp:send(A, {127, 0, 0, 1}, PortB, [N]) || N <- "abc"],
    show(active, strip(B, flush())),
    show(recv_when_active, gen_udp:recv(B, 0, 100)),
    ok = inet:setopts(B, [binary, {active, once}]),
    [ok = gen_udp:send(A, {127, 0, 0, 1}, PortB, [N]) || N <- "defg"],
    show(once, strip(B, flush())),
    ok = inet:setopts(B, [{active, 2}]),
    show(counted, strip(B, flush())),
    show(opts, inet:getopts(B, [active, mode])),
    ok = inet:setopts(B, [{active, true}]),
    show(rest, strip(B, flush())),
    %% Ownership.
    Self = self(),
    spawn(fun() -> Self ! {other, gen_udp:controlling_process(B, self())} end),
    show(not_owner, receive {other, R} -> R end),
    Collector = spawn(fun() -> receive {udp, B, _, _, D} -> Self ! {collected, D} end end),
    ok = gen_udp:controlling_process(B, Collector),
    ok = gen_udp:send(A, {127, 0, 0, 1}, PortB, <<"to the new owner">>),
    show(new_owner_got, receive {collected, D} -> D after 1000 -> none end),
    %% Errors.
    show(close, gen_udp:close(A)),
    show(send_closed, gen_udp:send(A, {127, 0, 0, 1}, PortB, <<"x">>)),
    show(recv_closed, gen_udp:recv(A, 0, 100)),
    show(close_twice, gen_udp:close(A)),
    %% A closed socket's port is free again at once.
    {ok, A2} = gen_udp:open(PortA),
    show(reopened, inet:port(A2) =:= {ok, PortA}),
    gen_udp:close(A2),
    {ok, C} = gen_udp:open(0),
    show(default_opts, inet:getopts(C, [active, mode])),
    show(bad_host, gen_udp:send(C, "no.such.host.invalid", 9, <<"x">>)),
    show(bad_option, catch gen_udp:open(0, [{active, maybe}])),
    {ok, PortC} = inet:port(C),
    show(port_busy, gen_udp:open(PortC, [])),
    gen_udp:close(C),
    ok.
