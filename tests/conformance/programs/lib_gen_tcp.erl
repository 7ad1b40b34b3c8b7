%% gen_tcp and inet on the loopback interface: listening on a port the system picks,
%% connecting, passive receives (of exact lengths, of what is there, with timeouts),
%% active, once and counted active modes with their messages, packet framing (1, 2, 4,
%% line), binaries and lists, closing from either side, socket ownership, and errors.
-module(lib_gen_tcp).
-export([main/0]).

show(What, Value) -> io:format("~p: ~p~n", [What, Value]).

%% A connected pair: {Client, Server}, both with Opts.
pair(L, Port, Opts) ->
    Self = self(),
    spawn(fun() ->
                  {ok, C} = gen_tcp:connect("localhost", Port, Opts),
                  ok = gen_tcp:controlling_process(C, Self),
                  Self ! {client, C}
          end),
    {ok, S} = gen_tcp:accept(L, 5000),
    ok = inet:setopts(S, Opts),
    C = receive {client, Sock} -> Sock after 5000 -> exit(no_client) end,
    {C, S}.

flush() ->
    receive M -> [M | flush()] after 200 -> [] end.

strip(Sock, Msgs) ->
    [case M of
         {Tag, Sock, Data} -> {Tag, Data};
         {Tag, Sock} -> Tag;
         Other -> {other, Other}
     end || M <- Msgs].

main() ->
    {ok, L} = gen_tcp:listen(0, [binary, {active, false}, {reuseaddr, true}]),
    {ok, Port} = inet:port(L),
    show(port, is_integer(Port) andalso Port > 0),
    show(listen_name, element(1, element(2, inet:sockname(L)))),

    %% Passive: exact lengths, what is there, timeouts.
    {C1, S1} = pair(L, Port, [binary, {active, false}]),
    ok = gen_tcp:send(C1, <<"hello">>),
    ok = gen_tcp:send(C1, ["wor", $l, <<"d">>]),
    show(recv_5, gen_tcp:recv(S1, 5)),
    show(recv_5_again, gen_tcp:recv(S1, 5, 1000)),
    show(recv_timeout, gen_tcp:recv(S1, 0, 50)),
    ok = gen_tcp:send(S1, "back"),
    show(client_recv, gen_tcp:recv(C1, 0, 1000)),
    {ok, {PeerAddr, _}} = inet:peername(S1),
    show(peer_address, PeerAddr),
    {ok, {_, CPort}} = inet:sockname(C1),
    {ok, {_, SPeerPort}} = inet:peername(S1),
    show(ports_agree, CPort =:= SPeerPort),
    ok = gen_tcp:close(C1),
    show(recv_after_peer_close, gen_tcp:recv(S1, 0, 1000)),
    show(send_after_close, gen_tcp:send(C1, <<"x">>)),
    show(recv_after_close, gen_tcp:recv(C1, 0, 100)),
    ok = gen_tcp:close(S1),

    %% Active mode, packet 2, lists.
    {C2, S2} = pair(L, Port, [list, {active, true}, {packet, 2}]),
    ok = gen_tcp:send(C2, "one"),
    ok = gen_tcp:send(C2, <<"two">>),
    ok = gen_tcp:send(C2, ""),
    show(active_packets, strip(S2, flush())),
    show(recv_when_active, gen_tcp:recv(S2, 0, 100)),
    ok = gen_tcp:close(C2),
    show(active_closed, strip(S2, flush())),
    gen_tcp:close(S2),

    %% Active once, then counted; packet 4; binaries.
    {C3, S3} = pair(L, Port, [binary, {active, once}, {packet, 4}]),
    [ok = gen_tcp:send(C3, <<N>>) || N <- lists:seq(1, 5)],
    show(once, strip(S3, flush())),
    ok = inet:setopts(S3, [{active, 2}]),
    show(counted, strip(S3, flush())),
    show(active_after_count, inet:getopts(S3, [active])),
    ok = inet:setopts(S3, [{active, true}]),
    show(rest, strip(S3, flush())),
    gen_tcp:close(C3),
    gen_tcp:close(S3),
    flush(),

    %% Lines, and packet 1, passive.
    {C4, S4} = pair(L, Port, [binary, {active, false}, {packet, line}]),
    ok = gen_tcp:send(C4, "first line\nsecond"),
    ok = gen_tcp:send(C4, " line\nthird"),
    show(line_1, gen_tcp:recv(S4, 0, 1000)),
    show(line_2, gen_tcp:recv(S4, 0, 1000)),
    show(line_partial, gen_tcp:recv(S4, 0, 100)),
    ok = inet:setopts(S4, [{packet, raw}]),
    show(raw_rest, gen_tcp:recv(S4, 0, 1000)),
    ok = inet:setopts(C4, [{packet, 1}]),
    ok = inet:setopts(S4, [{packet, 1}]),
    ok = gen_tcp:send(C4, <<"abc">>),
    show(packet_1, gen_tcp:recv(S4, 0, 1000)),
    show(opts, inet:getopts(S4, [packet, active, mode])),
    gen_tcp:close(C4),
    gen_tcp:close(S4),

    %% A megabyte each way: a packet of it, and raw reads of exact lengths.
    {C7, S7} = pair(L, Port, [binary, {active, false}, {packet, 4}]),
    Big = list_to_binary([lists:seq(0, 255) || _ <- lists:seq(1, 4096)]),
    spawn(fun() -> ok = gen_tcp:send(C7, Big) end),
    {ok, Got} = gen_tcp:recv(S7, 0, 5000),
    show(big_packet, {byte_size(Got), Got =:= Big}),
    ok = inet:setopts(S7, [{packet, raw}]),
    ok = inet:setopts(C7, [{packet, raw}]),
    spawn(fun() -> ok = gen_tcp:send(S7, Big) end),
    {ok, Half} = gen_tcp:recv(C7, 524288, 5000),
    {ok, Rest} = gen_tcp:recv(C7, 524288, 5000),
    show(big_raw, <<Half/binary, Rest/binary>> =:= Big),
    gen_tcp:close(C7),
    gen_tcp:close(S7),

    %% Addresses as text.
    show(ntoa, inet:ntoa({127, 0, 0, 1})),
    show(parse, [inet:parse_address(A) || A <- ["10.1.2.3", "256.1.1.1", "1.2.3", "x", "10", "1.70000", "0x10.1.1.1", "010.1.1.1", "1..2.3", " 1.2.3.4", "1.2.3.4.5", "08.1.1.1"]]),

    %% Ownership: another process may not take a socket, nor read it in active mode.
    {C5, S5} = pair(L, Port, [binary, {active, true}]),
    Self = self(),
    spawn(fun() -> Self ! {other, gen_tcp:controlling_process(S5, self())} end),
    show(not_owner, receive {other, R} -> R end),
    Collector = spawn(fun() -> receive {tcp, S5, D} -> Self ! {collected, D} end end),
    ok = gen_tcp:controlling_process(S5, Collector),
    ok = gen_tcp:send(C5, <<"to the new owner">>),
    show(new_owner_got, receive {collected, D} -> D after 1000 -> none end),
    gen_tcp:close(C5),
    %% A socket closes when its owner ends.
    {C6, S6} = pair(L, Port, [binary, {active, true}]),
    Owner = spawn(fun() -> receive stop -> ok end end),
    ok = gen_tcp:controlling_process(C6, Owner),
    Owner ! stop,
    show(owner_gone, receive {tcp_closed, S6} -> closed after 1000 -> open end),

    %% Errors.
    show(accept_timeout, gen_tcp:accept(L, 50)),
    %% Nothing listens on port 1 (tcpmux).
    show(refused, gen_tcp:connect({127, 0, 0, 1}, 1, [], 1000)),
    spawn(fun() -> Self ! {pending_accept, gen_tcp:accept(L)} end),
    timer:sleep(100),
    ok = gen_tcp:close(L),
    show(accept_on_closed, receive {pending_accept, A} -> A after 1000 -> none end),
    show(listen_busy, element(1, gen_tcp:listen(Port, [{reuseaddr, false}])) =:= ok orelse in_use),
    show(bad_option, catch gen_tcp:listen(0, [{active, maybe}])),
    show(close_twice, gen_tcp:close(L)),
    ok.
