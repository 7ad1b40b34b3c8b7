-module(proc_send_basic).
-export([main/0]).

%% The ! operator and erlang:send/2 both return the message.
main() ->
    R1 = self() ! one,
    io:format("! returns: ~p~n", [R1]),
    R2 = erlang:send(self(), two),
    io:format("erlang:send returns: ~p~n", [R2]),
    receive one -> io:format("got one~n") end,
    receive two -> io:format("got two~n") end,
    %% ! is right associative: the same message goes to both.
    Top = self(),
    Echo = spawn(fun() -> receive {From, M} -> From ! {echo, M} end end),
    self() ! Echo ! {Top, both},
    receive {Top, both} -> io:format("self got the chained message~n") end,
    receive {echo, both} -> io:format("echo answered~n") end,
    %% Any term can be a message.
    Terms = [42, 3.5, atom, "string", <<"bin">>, {a, [b, #{c => d}]}, [], {}],
    lists:foreach(fun(T) -> self() ! T end, Terms),
    Got = [receive X -> X end || _ <- Terms],
    io:format("round trip: ~p~n", [Got =:= Terms]),
    io:format("terms: ~p~n", [Got]),
    %% Sending to a process that has ended is not an error.
    {Dead, Ref} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', Ref, process, Dead, _} -> ok end,
    io:format("send to dead pid: ~p~n", [Dead ! lost]),
    io:format("erlang:send to dead pid: ~p~n", [erlang:send(Dead, lost)]),
    %% Invalid destinations raise badarg.
    show("send to integer", catch 42 ! msg),
    show("send to list", catch erlang:send([self()], msg)),
    show("send to unregistered atom", catch not_registered_name ! msg),
    receive Left -> io:format("unexpected: ~p~n", [Left]) after 0 -> io:format("mailbox empty~n") end,
    ok.

show(Label, {'EXIT', {Reason, _}}) -> io:format("~s: ~p~n", [Label, Reason]);
show(Label, Other) -> io:format("~s: returned ~p~n", [Label, Other]).
