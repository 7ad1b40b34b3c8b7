-module(proc_cancel_timer).
-export([main/0]).

%% erlang:cancel_timer/1,2 and erlang:read_timer/1.
main() ->
    T1 = erlang:send_after(5000, self(), never),
    io:format("read_timer active is integer: ~p~n", [is_integer(erlang:read_timer(T1))]),
    Left = erlang:read_timer(T1),
    io:format("remaining within range: ~p~n", [Left > 0 andalso Left =< 5000]),
    C1 = erlang:cancel_timer(T1),
    io:format("cancel active is integer: ~p~n", [is_integer(C1)]),
    io:format("cancel again: ~p~n", [erlang:cancel_timer(T1)]),
    io:format("read after cancel: ~p~n", [erlang:read_timer(T1)]),
    %% A cancelled timer never delivers.
    T2 = erlang:send_after(100, self(), cancelled_msg),
    erlang:cancel_timer(T2),
    R2 = receive cancelled_msg -> delivered after 150 -> not_delivered end,
    io:format("cancelled timer: ~p~n", [R2]),
    %% An expired timer cannot be cancelled; its message is there.
    T3 = erlang:send_after(5, self(), expired_msg),
    receive expired_msg -> ok end,
    io:format("cancel expired: ~p~n", [erlang:cancel_timer(T3)]),
    io:format("read expired: ~p~n", [erlang:read_timer(T3)]),
    %% start_timer timers cancel the same way.
    T4 = erlang:start_timer(5000, self(), x),
    io:format("cancel start_timer: ~p~n", [is_integer(erlang:cancel_timer(T4))]),
    %% Options: {info, false} gives ok; {async, false} is the default.
    T5 = erlang:send_after(5000, self(), y),
    io:format("cancel with info false: ~p~n", [erlang:cancel_timer(T5, [{info, false}])]),
    T6 = erlang:send_after(5000, self(), z),
    io:format("cancel with async false info true: ~p~n",
              [is_integer(erlang:cancel_timer(T6, [{async, false}, {info, true}]))]),
    %% Unknown references are false; non-references are badarg.
    io:format("cancel unknown ref: ~p~n", [erlang:cancel_timer(make_ref())]),
    io:format("read unknown ref: ~p~n", [erlang:read_timer(make_ref())]),
    show("cancel non-ref", catch erlang:cancel_timer(not_a_ref)),
    show("read non-ref", catch erlang:read_timer(42)),
    %% Cancelling from another process works too.
    Top = self(),
    T7 = erlang:send_after(5000, self(), w),
    spawn(fun() -> Top ! {other_cancel, is_integer(erlang:cancel_timer(T7))} end),
    receive {other_cancel, OC} -> io:format("cancel from another process: ~p~n", [OC]) end,
    io:format("mailbox: ~p~n", [process_info(self(), messages)]),
    ok.

show(Label, {'EXIT', {Reason, _}}) -> io:format("~s: ~p~n", [Label, Reason]);
show(Label, Other) -> io:format("~s: ~p~n", [Label, Other]).
