-module(proc_register_errors).
-export([main/0]).

%% The ways register/2, unregister/1 and sending by name fail.
main() ->
    P = spawn(fun() -> receive stop -> ok end end),
    Q = spawn(fun() -> receive stop -> ok end end),
    true = register(taken_name, P),
    show("name already taken", catch register(taken_name, Q)),
    show("same name same pid", catch register(taken_name, P)),
    show("pid already has a name", catch register(other_name, P)),
    show("name undefined", catch register(undefined, Q)),
    show("name not an atom", catch register("string", Q)),
    show("pid not a pid", catch register(some_name, not_a_pid)),
    show("dead pid", catch register(dead_name, dead_pid())),
    io:format("dead name not registered: ~p~n", [whereis(dead_name)]),
    show("unregister unknown", catch unregister(never_registered)),
    show("send to unknown name", catch never_registered ! hello),
    show("erlang:send to unknown name", catch erlang:send(never_registered, hello)),
    %% Sending to {Name, node()} with an unknown name does not raise.
    show("send to unknown {Name, node()}", catch {never_registered, node()} ! hello),
    show("whereis not an atom", catch whereis("string")),
    %% After a failed registration the original name still works.
    io:format("original still registered: ~p~n", [whereis(taken_name) =:= P]),
    io:format("Q has no name: ~p~n", [process_info(Q, registered_name)]),
    unregister(taken_name),
    show("unregister twice", catch unregister(taken_name)),
    P ! stop,
    Q ! stop,
    ok.

dead_pid() ->
    {P, Ref} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', Ref, process, P, _} -> P end.

show(Label, {'EXIT', {Reason, _}}) -> io:format("~s: error ~p~n", [Label, Reason]);
show(Label, Other) -> io:format("~s: returned ~p~n", [Label, Other]).
