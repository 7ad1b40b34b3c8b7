-module(proc_register_basic).
-export([main/0]).

%% register/2, whereis/1, unregister/1, registered/0 and sending by name.
main() ->
    P = spawn(fun() -> server() end),
    io:format("register returns: ~p~n", [register(echo_server, P)]),
    io:format("whereis finds it: ~p~n", [whereis(echo_server) =:= P]),
    io:format("listed in registered(): ~p~n", [lists:member(echo_server, registered())]),
    io:format("registered() is a list of atoms: ~p~n", [lists:all(fun is_atom/1, registered())]),
    echo_server ! {echo, self(), hello},
    receive {echoed, M1} -> io:format("via !: ~p~n", [M1]) end,
    erlang:send(echo_server, {echo, self(), world}),
    receive {echoed, M2} -> io:format("via erlang:send: ~p~n", [M2]) end,
    {echo_server, node()} ! {echo, self(), with_node},
    receive {echoed, M3} -> io:format("via {Name, Node}: ~p~n", [M3]) end,
    io:format("process_info registered_name: ~p~n", [process_info(P, registered_name)]),
    %% A process can register itself.
    Top = self(),
    spawn(fun() ->
                  register(self_named, self()),
                  Top ! {named, whereis(self_named) =:= self()},
                  receive stop -> ok end
          end),
    receive {named, SelfNamed} -> io:format("self registration: ~p~n", [SelfNamed]) end,
    self_named ! stop,
    io:format("unregister returns: ~p~n", [unregister(echo_server)]),
    io:format("whereis after unregister: ~p~n", [whereis(echo_server)]),
    io:format("still listed: ~p~n", [lists:member(echo_server, registered())]),
    io:format("process still alive: ~p~n", [is_process_alive(P)]),
    io:format("registered_name after unregister: ~p~n", [process_info(P, registered_name)]),
    %% The same process can be registered again under a new name.
    register(new_name, P),
    new_name ! {echo, self(), renamed},
    receive {echoed, M4} -> io:format("after renaming: ~p~n", [M4]) end,
    new_name ! stop,
    %% main itself can be registered.
    register(main_proc, self()),
    main_proc ! to_myself,
    receive to_myself -> io:format("message to own name~n") end,
    unregister(main_proc),
    io:format("whereis unknown: ~p~n", [whereis(never_registered)]),
    ok.

server() ->
    receive
        {echo, From, Msg} -> From ! {echoed, Msg}, server();
        stop -> ok
    end.
