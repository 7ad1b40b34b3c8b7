%% File I/O that blocks (opening a FIFO waits for its other end) holds up only the process
%% that asked: with one scheduler, the other processes run meanwhile, and one of them
%% opens the other end. (Raw files, because erl's file server would serialize the rest.)
-module(fifo).
-export([main/1]).

main([Fifo]) ->
    {ok, Info} = file:read_file_info(Fifo),
    io:format("a fifo of type ~p~n", [element(3, Info)]),
    Self = self(),
    spawn(fun() -> Self ! {read, read_all(Fifo)} end),
    timer:sleep(50),
    io:format("while the reader waits, a ticker ran ~p times~n", [ticker(5)]),
    receive {read, R0} -> io:format("too early: ~p~n", [R0]) after 0 -> ok end,
    {ok, W} = file:open(Fifo, [write, raw]),
    ok = file:write(W, <<"through the pipe">>),
    ok = file:close(W),
    receive {read, R} -> io:format("the reader got ~p~n", [R]) end.

read_all(Fifo) ->
    {ok, F} = file:open(Fifo, [read, raw, binary]),
    R = file:read(F, 100),
    ok = file:close(F),
    R.

ticker(0) -> 0;
ticker(N) ->
    Self = self(),
    spawn(fun() -> Self ! tick end),
    receive tick -> 1 + ticker(N - 1) end.
