-module(proc_info_queue).
-export([main/0]).

%% process_info/2 with message_queue_len and messages.
main() ->
    io:format("empty: ~p~n", [process_info(self(), message_queue_len)]),
    io:format("empty messages: ~p~n", [process_info(self(), messages)]),
    [self() ! {n, I} || I <- lists:seq(1, 4)],
    io:format("after 4 sends: ~p~n", [process_info(self(), message_queue_len)]),
    io:format("messages: ~p~n", [process_info(self(), messages)]),
    receive {n, 3} -> ok end,
    io:format("after taking the third: ~p~n", [process_info(self(), messages)]),
    io:format("length: ~p~n", [process_info(self(), message_queue_len)]),
    %% Both at once, in the order asked for.
    io:format("list form: ~p~n", [process_info(self(), [message_queue_len, messages])]),
    flush(),
    io:format("after flush: ~p~n", [process_info(self(), message_queue_len)]),
    %% Another process's queue: messages sent by the caller before the
    %% call are already counted.
    P = spawn(fun() -> receive go -> ok end end),
    P ! a,
    P ! {b, 1},
    P ! "c",
    io:format("other process: ~p~n", [process_info(P, message_queue_len)]),
    io:format("other messages: ~p~n", [process_info(P, messages)]),
    P ! go,
    Ref = monitor(process, P),
    receive {'DOWN', Ref, process, P, _} -> ok end,
    io:format("dead process: ~p~n", [process_info(P, message_queue_len)]),
    ok.

flush() ->
    receive _ -> flush() after 0 -> ok end.
