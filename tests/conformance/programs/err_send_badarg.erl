%% A send to something that is not a process, caught and uncaught.
-module(err_send_badarg).
-export([main/0]).

main() ->
    show(catch (no_such_name ! hello)),
    show(catch erlang:send(42, hello)),
    try {a, b} ! msg of
        _ -> io:format("sent~n")
    catch
        error:Reason:Stack -> io:format("~p ~p~n", [Reason, hd(Stack)])
    end,
    Msg = {data, [1, 2, 3]},
    self() ! Msg,
    receive Got -> io:format("~p~n", [Got =:= Msg]) end,
    unknown_server ! {request, [1, 2, 3]},
    io:format("not reached~n").

show({'EXIT', {Reason, [Top | _]}}) -> io:format("~p ~p~n", [Reason, Top]).
