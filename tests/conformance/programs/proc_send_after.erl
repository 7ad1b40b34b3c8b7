-module(proc_send_after).
-export([main/0]).

%% erlang:send_after/3 delivers the plain message after the delay.
main() ->
    T = erlang:send_after(10, self(), ding),
    io:format("returns a reference: ~p~n", [is_reference(T)]),
    R1 = receive ding -> ding after 5000 -> missing end,
    io:format("message: ~p~n", [R1]),
    %% Zero delay.
    erlang:send_after(0, self(), at_once),
    R2 = receive at_once -> at_once after 5000 -> missing end,
    io:format("zero delay: ~p~n", [R2]),
    %% To a registered name, resolved when the timer fires.
    Top = self(),
    P = spawn(fun() -> receive M -> Top ! {relayed, M} end end),
    register(timer_target, P),
    erlang:send_after(10, timer_target, via_name),
    receive {relayed, M3} -> io:format("via name: ~p~n", [M3]) end,
    %% To another process by pid.
    Q = spawn(fun() -> receive M -> Top ! {relayed, M} end end),
    erlang:send_after(5, Q, {complex, [1, 2], #{k => v}}),
    receive {relayed, M4} -> io:format("via pid: ~p~n", [M4]) end,
    %% Not delivered before its time: a 200 ms timer is not there after 0.
    erlang:send_after(200, self(), slow),
    R5 = receive slow -> early after 0 -> not_yet end,
    io:format("slow timer at once: ~p~n", [R5]),
    R6 = receive slow -> arrived after 5000 -> missing end,
    io:format("slow timer later: ~p~n", [R6]),
    %% Bad arguments.
    show("negative time", catch erlang:send_after(-1, self(), x)),
    show("time not an integer", catch erlang:send_after(1.5, self(), x)),
    show("destination not a pid or atom", catch erlang:send_after(1, "dest", x)),
    ok.

show(Label, {'EXIT', {Reason, _}}) -> io:format("~s: ~p~n", [Label, Reason]);
show(Label, Other) -> io:format("~s: ~p~n", [Label, is_reference(Other)]).
