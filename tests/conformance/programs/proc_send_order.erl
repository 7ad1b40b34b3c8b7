-module(proc_send_order).
-export([main/0]).

%% Messages from one sender to one receiver arrive in send order.
main() ->
    Top = self(),
    Collector = spawn(fun() -> collect(Top, 100, []) end),
    Sender = spawn(fun() -> [Collector ! {seq, I} || I <- lists:seq(1, 100)] end),
    _ = Sender,
    receive {collected, L} ->
            io:format("count: ~p~n", [length(L)]),
            io:format("in order: ~p~n", [L =:= lists:seq(1, 100)]),
            io:format("first five: ~p~n", [lists:sublist(L, 5)])
    end,
    %% Two senders: each sender's own messages stay in order, whatever
    %% the interleaving between them.
    C2 = spawn(fun() -> collect2(Top, 200, []) end),
    spawn(fun() -> [C2 ! {a, I} || I <- lists:seq(1, 100)] end),
    spawn(fun() -> [C2 ! {b, I} || I <- lists:seq(1, 100)] end),
    receive {collected2, L2} ->
            As = [I || {a, I} <- L2],
            Bs = [I || {b, I} <- L2],
            io:format("a in order: ~p~n", [As =:= lists:seq(1, 100)]),
            io:format("b in order: ~p~n", [Bs =:= lists:seq(1, 100)])
    end,
    %% Messages to self keep their order too.
    [self() ! {self_msg, I} || I <- lists:seq(1, 10)],
    Mine = [receive {self_msg, I} -> I end || _ <- lists:seq(1, 10)],
    io:format("self messages: ~p~n", [Mine]),
    ok.

collect(Top, 0, Acc) -> Top ! {collected, lists:reverse(Acc)};
collect(Top, N, Acc) -> receive {seq, I} -> collect(Top, N - 1, [I | Acc]) end.

collect2(Top, 0, Acc) -> Top ! {collected2, lists:reverse(Acc)};
collect2(Top, N, Acc) -> receive M -> collect2(Top, N - 1, [M | Acc]) end.
