%% A gen_server that returns hibernate really hibernates between messages (its current
%% function is erlang:hibernate/3), keeps its state, and still serves calls and system
%% messages, and stops normally.
-module(otp_gs_hibernate).
-behaviour(gen_server).
-export([main/0, init/1, handle_call/3, handle_cast/2]).

init(N) -> {ok, N, hibernate}.

handle_call(get, _From, N) -> {reply, N, N, hibernate}.

handle_cast({add, K}, N) -> {noreply, N + K, hibernate}.

main() ->
    {ok, P} = gen_server:start(?MODULE, 10, []),
    timer:sleep(20),
    io:format("~p~n", [process_info(P, current_function)]),
    gen_server:cast(P, {add, 5}),
    timer:sleep(20),
    io:format("~p~n", [process_info(P, current_function)]),
    io:format("get: ~p~n", [gen_server:call(P, get)]),
    io:format("state: ~p~n", [sys:get_state(P)]),
    timer:sleep(20),
    io:format("~p~n", [process_info(P, current_function)]),
    Ref = monitor(process, P),
    ok = gen_server:stop(P),
    receive {'DOWN', Ref, process, P, Why} -> io:format("stopped: ~p~n", [Why]) end,
    ok.
