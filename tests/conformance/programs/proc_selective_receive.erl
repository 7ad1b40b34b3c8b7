-module(proc_selective_receive).
-export([main/0]).

%% A receive takes the first message that matches; messages that do not
%% match stay in the mailbox in their original order.
main() ->
    [self() ! M || M <- [a1, {b, 1}, a2, {b, 2}, c, a3, {b, 3}]],
    B1 = receive {b, X} -> X end,
    io:format("first b: ~p~n", [B1]),
    io:format("queue after: ~p~n", [messages()]),
    C = receive c -> got_c end,
    io:format("c: ~p~n", [C]),
    io:format("queue after: ~p~n", [messages()]),
    %% Guards take part in the match.
    B3 = receive {b, Y} when Y > 2 -> Y end,
    io:format("b greater than 2: ~p~n", [B3]),
    io:format("queue after: ~p~n", [messages()]),
    %% Clause order does not matter; message order does.
    First = receive
                {b, Z} -> {b, Z};
                A when is_atom(A) -> {atom, A}
            end,
    io:format("first match of two clauses: ~p~n", [First]),
    io:format("drain: ~p~n", [drain()]),
    %% A bound variable in a pattern must match exactly.
    Key = key2,
    [self() ! {K, V} || {K, V} <- [{key1, 10}, {key2, 20}, {key3, 30}, {key2, 21}]],
    V2 = receive {Key, V} -> V end,
    io:format("bound key value: ~p~n", [V2]),
    io:format("drain: ~p~n", [drain()]),
    %% Priority receive: urgent messages first, then the rest.
    [self() ! M || M <- [{normal, 1}, {urgent, 1}, {normal, 2}, {urgent, 2}]],
    io:format("prioritised: ~p~n", [priority([])]),
    ok.

messages() ->
    {messages, L} = process_info(self(), messages),
    L.

drain() ->
    receive M -> [M | drain()] after 0 -> [] end.

priority(Acc) ->
    receive
        {urgent, N} -> priority([{urgent, N} | Acc])
    after 0 ->
            receive
                {normal, N} -> priority([{normal, N} | Acc])
            after 0 -> lists:reverse(Acc)
            end
    end.
