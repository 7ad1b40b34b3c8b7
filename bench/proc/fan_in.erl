%% Fan-in: 1,000 senders each send 10,000 messages to one receiver.
-module(fan_in).
-export([main/0]).

main() -> ember_bench:run(fun() -> run(1000, 10000) end).

run(Senders, Each) ->
    Self = self(),
    [spawn(fun() -> send(Self, Each) end) || _ <- lists:seq(1, Senders)],
    receive_all(Senders * Each, 0).

send(_, 0) -> ok;
send(To, K) -> To ! {msg, K}, send(To, K - 1).

receive_all(0, Sum) -> Sum;
receive_all(N, Sum) ->
    receive {msg, K} -> receive_all(N - 1, Sum + K) end.
