%% gen_tcp's finer points, as erl has them: sends from several processes at once stay
%% whole, {active, N} adds to the count (and 0 or less makes the socket passive), a socket
%% the peer closed is closed here too, close/1 takes the {tcp_closed, S} waiting, a new
%% owner gets the messages the old one had not read, a dead acceptor loses no connection,
%% and recv with a length on a packet socket is einval.
-module(lib_gen_tcp_more).
-export([main/0]).

show(What, Value) -> io:format("~p: ~p~n", [What, Value]).

pair(L, Port, Opts) ->
    Self = self(),
    spawn(fun() ->
                  {ok, C} = gen_tcp:connect({127, 0, 0, 1}, Port, Opts),
                  ok = gen_tcp:controlling_process(C, Self),
                  Self ! {client, C}
          end),
    {ok, S} = gen_tcp:accept(L, 5000),
    ok = inet:setopts(S, Opts),
    C = receive {client, Sock} -> Sock after 5000 -> exit(no_client) end,
    {C, S}.

flush(S) ->
    receive
        {tcp, S, D} -> [{tcp, D} | flush(S)];
        {tcp_passive, S} -> [tcp_passive | flush(S)];
        {tcp_closed, S} -> [tcp_closed | flush(S)]
    after 200 -> []
    end.

main() ->
    {ok, L} = gen_tcp:listen(0, [binary, {active, false}, {ip, loopback}, {backlog, 8}]),
    {ok, Port} = inet:port(L),
    Self = self(),

    %% Three processes send a megabyte each on one {packet, 4} socket at once.
    {C1, S1} = pair(L, Port, [binary, {active, false}, {packet, 4}]),
    Big = fun(B) -> binary:copy(<<B>>, 1048576) end,
    [spawn(fun() -> Self ! {sent, gen_tcp:send(C1, Big(B))} end) || B <- [$a, $b, $c]],
    [receive {sent, ok} -> ok end || _ <- [1, 2, 3]],
    Got = [begin {ok, P} = gen_tcp:recv(S1, 0, 5000), {byte_size(P), binary:first(P), P =:= Big(binary:first(P))} end
           || _ <- [1, 2, 3]],
    show(whole_packets, lists:sort(Got)),
    show(recv_length_on_packet_socket, gen_tcp:recv(S1, 5, 100)),
    gen_tcp:close(C1),
    gen_tcp:close(S1),

    %% {active, N} adds.
    {C2, S2} = pair(L, Port, [binary, {active, false}]),
    ok = inet:setopts(S2, [{active, 2}]),
    ok = inet:setopts(S2, [{active, 3}]),
    show(count_added, inet:getopts(S2, [active])),
    ok = inet:setopts(S2, [{active, -10}]),
    show(count_to_passive, {inet:getopts(S2, [active]), flush(S2)}),
    ok = inet:setopts(S2, [{active, 0}]),
    show(zero, flush(S2)),
    %% The peer closes: the socket is closed once its owner hears of it.
    ok = inet:setopts(S2, [{active, true}]),
    gen_tcp:close(C2),
    show(peer_closed, flush(S2)),
    show(send_after_peer_closed, gen_tcp:send(S2, <<"x">>)),
    show(setopts_after_peer_closed, inet:setopts(S2, [{active, once}])),
    show(controlling_after_peer_closed, gen_tcp:controlling_process(S2, self())),

    %% close/1 takes a {tcp_closed, S} still waiting.
    {C3, S3} = pair(L, Port, [binary, {active, true}]),
    gen_tcp:close(C3),
    timer:sleep(200),
    ok = gen_tcp:close(S3),
    show(closed_message_taken, receive {tcp_closed, S3} -> left after 0 -> taken end),

    %% A new owner gets the messages the old one had not read.
    {C4, S4} = pair(L, Port, [binary, {active, true}]),
    ok = gen_tcp:send(C4, <<"early">>),
    timer:sleep(200),
    Worker = spawn(fun() ->
                           receive go -> ok end,
                           Self ! {worker, flush(S4)}
                   end),
    ok = gen_tcp:controlling_process(S4, Worker),
    ok = gen_tcp:send(C4, <<"late">>),
    timer:sleep(200),
    Worker ! go,
    show(handed_over, receive {worker, Msgs} -> Msgs end),
    show(nothing_left_here, flush(S4)),
    gen_tcp:close(C4),

    %% A process waiting in accept dies: the next connection goes to the next accept.
    Doomed = spawn(fun() -> gen_tcp:accept(L) end),
    timer:sleep(100),
    exit(Doomed, kill),
    timer:sleep(100),
    spawn(fun() -> {ok, C} = gen_tcp:connect({127, 0, 0, 1}, Port, []), receive after 1000 -> gen_tcp:close(C) end end),
    show(accept_after_dead_acceptor, element(1, gen_tcp:accept(L, 2000))),

    %% Options erl takes.
    {ok, L2} = gen_tcp:listen(0, [{ip, any}, {send_timeout, 1000}, {packet_size, 100}]),
    show(ip_any, element(1, element(2, inet:sockname(L2)))),
    gen_tcp:close(L2),
    gen_tcp:close(L),
    ok.
