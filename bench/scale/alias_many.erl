%% One process makes 100,000 aliases, sends a message through each, and deactivates them
%% in the reverse order.
-module(alias_many).
-export([main/0]).

main() -> ember_bench:run(fun() -> run(100000) end).

run(N) ->
    As = [alias() || _ <- lists:seq(1, N)],
    [A ! {A, ok} || A <- As],
    Got = length([receive {A, ok} -> ok end || A <- As]),
    {Got, length([A || A <- lists:reverse(As), unalias(A)])}.
