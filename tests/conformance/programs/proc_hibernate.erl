%% erlang:hibernate/3: the process drops its stack, sleeps until a message arrives (which
%% it does not take), then calls the function; a return from it ends the process.
-module(proc_hibernate).
-export([main/0, wake/2, loop/1]).

main() ->
    Self = self(),
    P = spawn(fun() ->
                      try
                          erlang:hibernate(?MODULE, wake, [Self, first])
                      catch
                          _:_ -> io:format("never: the catch is dropped with the stack~n")
                      end
              end),
    timer:sleep(50),
    io:format("asleep: ~p ~p~n", [process_info(P, current_function), process_info(P, message_queue_len)]),
    P ! hello,
    receive {woke, Tag, Msg} -> io:format("woke ~p with ~p~n", [Tag, Msg]) end,
    timer:sleep(20),
    io:format("alive after return: ~p~n", [is_process_alive(P)]),
    %% A server loop that hibernates between messages keeps its state in the arguments.
    L = spawn(fun() -> loop(0) end),
    [L ! {add, N} || N <- [1, 2, 3]],
    L ! {get, self()},
    receive {total, T} -> io:format("total ~p~n", [T]) end,
    L ! stop,
    %% A monitor sees a hibernating process end normally.
    Ref = monitor(process, L),
    receive {'DOWN', Ref, process, L, Why} -> io:format("down ~p~n", [Why]) end,
    {'EXIT', {Reason, [{M, F, Args, _} | _]}} = (catch erlang:hibernate(?MODULE, wake, not_a_list)),
    io:format("~p ~p:~p~p~n", [Reason, M, F, Args]),
    ok.

wake(Parent, Tag) ->
    receive Msg -> Parent ! {woke, Tag, Msg} end,
    done.

loop(Acc) ->
    receive
        {add, N} -> erlang:hibernate(?MODULE, loop, [Acc + N]);
        {get, From} -> From ! {total, Acc}, loop(Acc);
        stop -> ok
    end.
