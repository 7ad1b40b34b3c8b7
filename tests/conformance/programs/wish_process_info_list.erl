-module(wish_process_info_list).
-export([main/0]).

%% process_info/2 with a list of items: an unregistered process still has a
%% {registered_name, []} entry in the result (ember leaves out the tuple and
%% puts [] in its place).
main() ->
    io:format("self: ~p~n", [process_info(self(), [registered_name, trap_exit])]),
    P = spawn(fun() -> receive stop -> ok end end),
    io:format("other: ~p~n", [process_info(P, [registered_name, message_queue_len])]),
    register(named_one, P),
    io:format("registered: ~p~n", [process_info(P, [registered_name])]),
    P ! stop,
    ok.
