-module(proc_mailbox_many).
-export([main/0]).

%% A mailbox with many messages: selective receive from the back, then
%% from the front, keeps everything else in order.
main() ->
    N = 20000,
    [self() ! {msg, I} || I <- lists:seq(1, N)],
    self() ! last,
    io:format("queue length: ~p~n", [element(2, process_info(self(), message_queue_len))]),
    receive last -> io:format("took the last message~n") end,
    receive {msg, 10000} -> io:format("took the middle message~n") end,
    receive {msg, First} -> io:format("next in order: ~p~n", [First]) end,
    Rest = drain([]),
    io:format("remaining: ~p~n", [length(Rest)]),
    io:format("remaining in order: ~p~n", [Rest =:= lists:seq(2, 9999) ++ lists:seq(10001, N)]),
    %% Many senders into one mailbox, then count by sender.
    Top = self(),
    Senders = [spawn(fun() -> [Top ! {from, K, J} || J <- lists:seq(1, 500)] end) || K <- lists:seq(1, 10)],
    _ = Senders,
    All = [receive {from, K, J} -> {K, J} end || _ <- lists:seq(1, 5000)],
    PerSender = [length([x || {K2, _} <- All, K2 =:= K]) || K <- lists:seq(1, 10)],
    io:format("per sender: ~p~n", [PerSender]),
    InOrder = lists:all(fun(K) -> [J || {K2, J} <- All, K2 =:= K] =:= lists:seq(1, 500) end, lists:seq(1, 10)),
    io:format("each sender in order: ~p~n", [InOrder]),
    ok.

drain(Acc) ->
    receive {msg, I} -> drain([I | Acc]) after 0 -> lists:reverse(Acc) end.
