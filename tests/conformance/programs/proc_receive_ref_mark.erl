%% A receive that waits for a new reference skips the messages that were there before the
%% reference was made; everything else about it stays as in any receive.
-module(proc_receive_ref_mark).
-export([main/0, work/1]).

main() ->
    older_messages_stay_in_order(),
    a_dead_process_is_down_at_once(),
    a_receive_in_between_takes_an_older_message(),
    a_receive_in_between_takes_a_newer_message(),
    a_clause_without_the_reference_sees_every_message(),
    flushing_a_down_keeps_the_rest(),
    the_same_reference_twice(),
    a_timeout_then_a_later_reply(),
    made_in_one_function_received_in_another(),
    a_call_from_a_busy_process(),
    a_spawn_request_reply(),
    ok.

drain() ->
    receive M -> [M | drain()] after 0 -> [] end.

older_messages_stay_in_order() ->
    [self() ! {old, I} || I <- [1, 2, 3]],
    Ref = make_ref(),
    self() ! {Ref, reply},
    self() ! {new, 4},
    R = receive {Ref, X} -> X end,
    io:format("reply ~p, left ~p~n", [R, drain()]).

a_dead_process_is_down_at_once() ->
    {Pid, M} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', M, process, Pid, normal} -> ok end,
    self() ! before,
    Ref = erlang:monitor(process, Pid),
    R = receive {'DOWN', Ref, process, Pid, Why} -> Why end,
    io:format("down ~p, left ~p~n", [R, drain()]).

a_receive_in_between_takes_an_older_message() ->
    self() ! a,
    self() ! b,
    Ref = make_ref(),
    self() ! {Ref, 1},
    self() ! c,
    receive a -> ok end,
    R = receive {Ref, X} -> X end,
    io:format("got ~p, left ~p~n", [R, drain()]).

a_receive_in_between_takes_a_newer_message() ->
    self() ! a,
    Ref = make_ref(),
    self() ! c,
    self() ! {Ref, 2},
    receive c -> ok end,
    R = receive {Ref, X} -> X end,
    io:format("got ~p, left ~p~n", [R, drain()]).

a_clause_without_the_reference_sees_every_message() ->
    self() ! stop,
    Ref = make_ref(),
    R = receive
            {Ref, X} -> X;
            stop -> stopped
        end,
    io:format("got ~p, left ~p~n", [R, drain()]).

flushing_a_down_keeps_the_rest() ->
    self() ! first,
    Pid = spawn(fun() -> receive go -> exit(done) end end),
    Ref = monitor(process, Pid),
    Sync = monitor(process, Pid),
    self() ! second,
    Pid ! go,
    receive {'DOWN', Sync, process, Pid, done} -> ok end,
    Found = erlang:demonitor(Ref, [flush, info]),
    io:format("found ~p, left ~p~n", [Found, drain()]).

the_same_reference_twice() ->
    self() ! zero,
    Ref = make_ref(),
    self() ! {Ref, one},
    self() ! {Ref, two},
    A = receive {Ref, X} -> X end,
    self() ! three,
    B = receive {Ref, Y} -> Y end,
    io:format("~p ~p, left ~p~n", [A, B, drain()]).

a_timeout_then_a_later_reply() ->
    self() ! early,
    Ref = make_ref(),
    R1 = receive {Ref, X} -> X after 0 -> timeout end,
    self() ! {Ref, late},
    R2 = receive {Ref, Y} -> Y after 0 -> timeout end,
    io:format("~p ~p, left ~p~n", [R1, R2, drain()]).

made_in_one_function_received_in_another() ->
    self() ! noise,
    Ref = make_ref(),
    self() ! {Ref, there},
    io:format("~p, left ~p~n", [wait_for(Ref), drain()]).

wait_for(Ref) ->
    receive {Ref, X} -> X end.

a_call_from_a_busy_process() ->
    Server = spawn(fun Loop() ->
                           receive
                               {call, From, Ref, N} -> From ! {Ref, N * 2}, Loop();
                               stop -> ok
                           end
                   end),
    [self() ! {pending, I} || I <- lists:seq(1, 5)],
    Results = [call(Server, N) || N <- lists:seq(1, 4)],
    Server ! stop,
    io:format("~p, left ~p~n", [Results, drain()]).

call(Server, N) ->
    Ref = make_ref(),
    Server ! {call, self(), Ref, N},
    receive {Ref, Answer} -> Answer end.

work(X) -> exit({done, X}).

a_spawn_request_reply() ->
    self() ! older,
    Node = node(),
    ReqId = erlang:spawn_request(Node, ?MODULE, work, [7], [monitor]),
    R = receive {spawn_reply, ReqId, ok, _Pid} -> ok end,
    D = receive {'DOWN', ReqId, process, _, Why} -> Why end,
    io:format("~p ~p, left ~p~n", [R, D, drain()]).
