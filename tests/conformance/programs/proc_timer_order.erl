-module(proc_timer_order).
-export([main/0]).

%% Timers with distinct delays fire in delay order, whatever order they
%% were started in.
main() ->
    erlang:send_after(30, self(), thirty),
    erlang:send_after(10, self(), ten),
    erlang:send_after(20, self(), twenty),
    Got = [receive M -> M end || _ <- [1, 2, 3]],
    io:format("send_after order: ~p~n", [Got]),
    A = erlang:start_timer(60, self(), sixty),
    B = erlang:start_timer(20, self(), twenty),
    C = erlang:start_timer(40, self(), forty),
    Got2 = [receive {timeout, R, M} -> {name(R, [{A, a}, {B, b}, {C, c}]), M} end || _ <- [1, 2, 3]],
    io:format("start_timer order: ~p~n", [Got2]),
    %% A receive timeout races with timers: the 10 ms timer wins over a
    %% 200 ms after clause, the after clause wins over a 400 ms timer.
    erlang:send_after(10, self(), quick),
    R1 = receive quick -> timer_first after 200 -> after_first end,
    io:format("timer 10 vs after 200: ~p~n", [R1]),
    T = erlang:send_after(400, self(), slow),
    R2 = receive slow -> timer_first after 10 -> after_first end,
    io:format("timer 400 vs after 10: ~p~n", [R2]),
    erlang:cancel_timer(T),
    %% Timers to different processes, collected by a third.
    Top = self(),
    Collector = spawn(fun() -> Top ! {collected, [receive M -> M end || _ <- [1, 2, 3]]} end),
    erlang:send_after(25, Collector, c25),
    erlang:send_after(5, Collector, c5),
    erlang:send_after(15, Collector, c15),
    receive {collected, L} -> io:format("collector order: ~p~n", [L]) end,
    ok.

name(R, Pairs) ->
    {R, N} = lists:keyfind(R, 1, Pairs),
    N.
