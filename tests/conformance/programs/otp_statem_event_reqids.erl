%% Request id collections of gen_statem and gen_event (OTP 25), and gen_statem's
%% wait_response/1 and receive_response/1.
-module(otp_statem_event_reqids).
-behaviour(gen_statem).
-export([main/0, init/1, callback_mode/0, ready/3]).
-export([handle_event/2, handle_call/2]).

%% init/1 serves both: the event handler is added with {handler, N}.
init({handler, N}) -> {ok, N};
init(N) -> {ok, ready, N}.
callback_mode() -> state_functions.
ready({call, From}, {add, K}, N) -> {keep_state, N + K, [{reply, From, N + K}]};
ready({call, From}, get, N) -> {keep_state_and_data, [{reply, From, N}]}.

%% The event handler: counts events, answers calls with the count.
handle_event(_, N) -> {ok, N + 1}.
handle_call(Q, N) -> {ok, {Q, N}, N}.

main() ->
    {ok, M} = gen_statem:start(?MODULE, 10, []),
    C1 = gen_statem:send_request(M, {add, 5}, first, gen_statem:reqids_new()),
    C2 = gen_statem:send_request(M, get, second, C1),
    io:format("~p~n", [lists:sort([L || {_, L} <- gen_statem:reqids_to_list(C2)])]),
    {R1, L1, C3} = gen_statem:receive_response(C2, 1000, true),
    {R2, L2, C4} = gen_statem:wait_response(C3, 1000, true),
    io:format("~p ~p ~p ~p ~p~n", [R1, L1, R2, L2, gen_statem:reqids_size(C4)]),
    io:format("~p~n", [gen_statem:wait_response(C4, 10, true)]),
    io:format("~p~n", [gen_statem:wait_response(gen_statem:send_request(M, get))]),
    io:format("~p~n", [gen_statem:receive_response(gen_statem:send_request(M, {add, 1}))]),
    {ok, E} = gen_event:start(),
    ok = gen_event:add_handler(E, ?MODULE, {handler, 0}),
    gen_event:sync_notify(E, ping),
    D1 = gen_event:send_request(E, ?MODULE, how_many, count, gen_event:reqids_new()),
    D2 = gen_event:send_request(E, nobody, q, missing, D1),
    Answers = [gen_event:receive_response(D2, 1000, false), gen_event:receive_response(D2, 1000, false)],
    io:format("~p~n", [lists:sort([{L, R} || {R, L, _} <- Answers])]),
    io:format("~p~n", [gen_event:wait_response(gen_event:send_request(E, nobody, q), 1000)]),
    Id = gen_event:send_request(E, ?MODULE, again),
    Msg = receive X -> X end,
    io:format("~p~n", [gen_event:check_response(Msg, gen_event:reqids_add(Id, mine, gen_event:reqids_new()), true)]),
    io:format("~p~n", [try gen_statem:reqids_add(Id, x, gen_statem:reqids_add(Id, y, #{})) catch error:Why -> Why end]).
