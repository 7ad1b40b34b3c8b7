-module(records_update).
-export([main/0]).

-record(account, {id, owner, balance = 0, history = []}).

main() ->
    A0 = #account{id = 1, owner = "zoe"},
    io:format("start: ~p~n", [A0]),
    A1 = deposit(A0, 100),
    A2 = deposit(A1, 50),
    A3 = withdraw(A2, 30),
    io:format("after ops: ~p~n", [A3]),
    io:format("balance: ~p~n", [A3#account.balance]),
    io:format("history: ~p~n", [lists:reverse(A3#account.history)]),
    A4 = A3#account{owner = "zed", balance = 0},
    io:format("multi update: ~p~n", [A4]),
    io:format("original unchanged: ~p~n", [A3#account.owner]),
    io:format("update in expr: ~p~n", [(A0#account{id = 99})#account.id]),
    Accs = [#account{id = I, balance = I * 10} || I <- lists:seq(1, 4)],
    Total = lists:sum([Acc#account.balance || Acc <- Accs]),
    io:format("total: ~p~n", [Total]),
    Bumped = [Acc#account{balance = Acc#account.balance + 1} || Acc <- Accs],
    io:format("bumped: ~p~n", [[B#account.balance || B <- Bumped]]),
    io:format("bad update: ~p~n", [try (id(not_a_record))#account{id = 1} catch error:E -> E end]),
    io:format("bad access: ~p~n", [try (id({other, 1}))#account.id catch error:E2 -> E2 end]),
    ok.

id(X) -> X.

deposit(A = #account{balance = B, history = H}, Amount) ->
    A#account{balance = B + Amount, history = [{deposit, Amount} | H]}.

withdraw(#account{balance = B} = A, Amount) when B >= Amount ->
    A#account{balance = B - Amount, history = [{withdraw, Amount} | A#account.history]}.
