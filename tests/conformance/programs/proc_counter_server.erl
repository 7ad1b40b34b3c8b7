-module(proc_counter_server).
-export([main/0]).

%% A hand-written server loop with synchronous calls: each request carries
%% a fresh reference and the caller waits for the reply with that
%% reference, watching the server with a monitor.
main() ->
    S = start(),
    io:format("initial: ~p~n", [call(S, get)]),
    io:format("increment: ~p~n", [call(S, {add, 5})]),
    io:format("increment: ~p~n", [call(S, {add, 10})]),
    io:format("get: ~p~n", [call(S, get)]),
    cast(S, {add, 100}),
    io:format("after cast: ~p~n", [call(S, get)]),
    io:format("unknown request: ~p~n", [call(S, bogus)]),
    %% Many concurrent clients; the total is deterministic.
    Top = self(),
    Clients = [spawn(fun() -> [call(S, {add, 1}) || _ <- lists:seq(1, 50)], Top ! {client_done, self()} end)
               || _ <- lists:seq(1, 20)],
    [receive {client_done, C} -> ok end || C <- Clients],
    io:format("after 20 clients x 50: ~p~n", [call(S, get)]),
    io:format("stop: ~p~n", [call(S, stop)]),
    %% Calling a dead server: the monitor reports noproc.
    io:format("call after stop: ~p~n", [call(S, get)]),
    %% A server that crashes while handling a call.
    io:format("call that kills the server: ~p~n", [call(start(), {crash, server_bug})]),
    io:format("mailbox left: ~p~n", [process_info(self(), message_queue_len)]),
    ok.

start() -> spawn(fun() -> loop(0) end).

call(S, Req) ->
    Ref = monitor(process, S),
    S ! {call, self(), Ref, Req},
    receive
        {reply, Ref, Reply} ->
            demonitor(Ref, [flush]),
            Reply;
        {'DOWN', Ref, process, S, Why} ->
            {server_down, Why}
    end.

cast(S, Msg) -> S ! {cast, Msg}, ok.

loop(N) ->
    receive
        {call, From, Ref, get} -> From ! {reply, Ref, N}, loop(N);
        {call, From, Ref, {add, K}} -> From ! {reply, Ref, N + K}, loop(N + K);
        {call, From, Ref, stop} -> From ! {reply, Ref, stopped};
        {call, _From, _Ref, {crash, Why}} -> exit(Why);
        {call, From, Ref, Other} -> From ! {reply, Ref, {unknown, Other}}, loop(N);
        {cast, {add, K}} -> loop(N + K)
    end.
