-module(records_patterns).
-export([main/0]).

-record(msg, {type, from, body = <<>>}).
-record(pair, {left, right}).

main() ->
    Msgs = [#msg{type = hello, from = a},
            #msg{type = data, from = b, body = <<"payload">>},
            #msg{type = data, from = c},
            #msg{type = bye, from = a},
            {not_a_msg, 1}],
    [io:format("~p~n", [handle(M)]) || M <- Msgs],
    #pair{left = L} = #pair{left = 1, right = 2},
    io:format("match left: ~p~n", [L]),
    #pair{left = X, right = X} = #pair{left = same, right = same},
    io:format("same: ~p~n", [X]),
    io:format("case: ~p~n", [case #pair{left = a, right = b} of
                                  #pair{right = b} = P -> {matched, P#pair.left};
                                  _ -> no
                              end]),
    io:format("in comprehension: ~p~n",
              [[F || #msg{type = data, from = F} <- Msgs]]),
    io:format("empty pattern: ~p~n", [[is_msg(T) || T <- Msgs]]),
    ok.

handle(#msg{type = hello, from = F}) -> {greet, F};
handle(#msg{type = data, body = <<>>}) -> empty_data;
handle(#msg{type = data, body = B}) -> {data, byte_size(B)};
handle(#msg{type = T}) -> {other, T};
handle(_) -> not_a_msg.

is_msg(#msg{}) -> true;
is_msg(_) -> false.
