%% gen_server request id collections (OTP 25): reqids_*, send_request/4, wait_response/3,
%% receive_response/3, check_response/3, for replies, timeouts and a server that is gone.
-module(otp_gen_server_reqids).
-behaviour(gen_server).
-export([main/0, init/1, handle_call/3, handle_cast/2]).
init(N) -> {ok, N}.
handle_call({sleep, T, V}, _From, N) -> timer:sleep(T), {reply, V, N};
handle_call(die, _From, N) -> {stop, died, N};
handle_call(V, _From, N) -> {reply, {echo, V}, N}.
handle_cast(_, N) -> {noreply, N}.
main() ->
    process_flag(trap_exit, true),
    {ok, S} = gen_server:start_link(?MODULE, 0, []),
    C0 = gen_server:reqids_new(),
    io:format("empty ~p ~p~n", [gen_server:reqids_size(C0), gen_server:reqids_to_list(C0)]),
    io:format("no_request ~p~n", [gen_server:wait_response(C0, 100, true)]),
    io:format("no_request ~p~n", [gen_server:receive_response(C0, 100, true)]),
    C1 = gen_server:send_request(S, a, label_a, C0),
    C2 = gen_server:send_request(S, b, label_b, C1),
    io:format("size ~p labels ~p~n", [gen_server:reqids_size(C2), lists:sort([L || {_, L} <- gen_server:reqids_to_list(C2)])]),
    {R1, L1, C3} = gen_server:wait_response(C2, 1000, true),
    io:format("~p ~p ~p~n", [R1, L1, gen_server:reqids_size(C3)]),
    {R2, L2, C4} = gen_server:receive_response(C3, 1000, false),
    io:format("~p ~p ~p~n", [R2, L2, gen_server:reqids_size(C4)]),
    C5 = gen_server:send_request(S, {sleep, 300, slow}, slow, gen_server:reqids_new()),
    io:format("timeout ~p~n", [gen_server:wait_response(C5, 10, true)]),
    {R3, L3, C6} = gen_server:wait_response(C5, 1000, true),
    io:format("~p ~p ~p~n", [R3, L3, gen_server:reqids_size(C6)]),
    Id = gen_server:send_request(S, c),
    C7 = gen_server:reqids_add(Id, mine, gen_server:reqids_new()),
    io:format("dup ~p~n", [try gen_server:reqids_add(Id, again, C7) catch error:Why -> Why end]),
    Msg = receive M -> M end,
    io:format("check ~p~n", [gen_server:check_response(Msg, C7, true)]),
    io:format("check other ~p~n", [gen_server:check_response(other, C7, true)]),
    io:format("check empty ~p~n", [gen_server:check_response(other, gen_server:reqids_new(), true)]),
    %% A request to a server that is gone: its 'DOWN' is the answer.
    {Gone, Mon} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', Mon, process, Gone, normal} -> ok end,
    C8 = gen_server:send_request(Gone, ping, gone, gen_server:reqids_new()),
    {{error, {Down, Who}}, L4, C9} = gen_server:receive_response(C8, 1000, true),
    io:format("~p ~p ~p ~p~n", [Down, Who =:= Gone, L4, gen_server:reqids_size(C9)]),
    ok.
