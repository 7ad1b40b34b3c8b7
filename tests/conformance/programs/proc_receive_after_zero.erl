-module(proc_receive_after_zero).
-export([main/0]).

%% 'after 0' never blocks: it checks the mailbox once.
main() ->
    R1 = receive anything -> got after 0 -> timeout end,
    io:format("empty mailbox: ~p~n", [R1]),
    self() ! present,
    R2 = receive present -> got after 0 -> timeout end,
    io:format("message present: ~p~n", [R2]),
    self() ! other,
    R3 = receive wanted -> got after 0 -> timeout end,
    io:format("non-matching message: ~p~n", [R3]),
    io:format("non-matching message kept: ~p~n", [process_info(self(), message_queue_len)]),
    %% A receive with only an after clause.
    R4 = receive after 0 -> only_after end,
    io:format("only after: ~p~n", [R4]),
    %% Flushing with after 0.
    [self() ! I || I <- lists:seq(1, 5)],
    io:format("flushed: ~p~n", [flush([])]),
    io:format("mailbox now: ~p~n", [process_info(self(), message_queue_len)]),
    %% A message from a child that has already been received by monitor
    %% ordering is visible to after 0.
    Top = self(),
    {P, Ref} = spawn_monitor(fun() -> Top ! from_child end),
    receive {'DOWN', Ref, process, P, normal} -> ok end,
    R5 = receive from_child -> got after 0 -> timeout end,
    io:format("child message before its DOWN: ~p~n", [R5]),
    %% The timeout value can be computed.
    T = zero(),
    R6 = receive nothing -> got after T -> computed_timeout end,
    io:format("computed zero: ~p~n", [R6]),
    ok.

zero() -> 0.

flush(Acc) ->
    receive M -> flush([M | Acc]) after 0 -> lists:reverse(Acc) end.
