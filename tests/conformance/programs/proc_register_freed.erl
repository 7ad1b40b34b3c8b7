-module(proc_register_freed).
-export([main/0]).

%% A registered name is released when its process dies, whatever the
%% reason, and can then be reused.
main() ->
    lists:foreach(fun(How) -> cycle(How) end, [normal, crash, killed]),
    %% Re-register the same name many times with successive processes.
    Count = reuse(temp_name, 50, 0),
    io:format("reused the name ~p times~n", [Count]),
    io:format("finally free: ~p~n", [whereis(temp_name)]),
    ok.

cycle(How) ->
    P = spawn(fun() -> receive stop -> case How of crash -> exit(crashed); _ -> ok end end end),
    register(shared_name, P),
    Ref = monitor(process, P),
    case How of
        killed -> exit(P, kill);
        _ -> P ! stop
    end,
    receive {'DOWN', Ref, process, P, Why} -> ok end,
    io:format("~p: reason ~p, whereis ~p, member ~p~n",
              [How, Why, whereis(shared_name), lists:member(shared_name, registered())]),
    %% The name can be registered again, here by main itself.
    true = register(shared_name, self()),
    io:format("~p: re-registered by main: ~p~n", [How, whereis(shared_name) =:= self()]),
    unregister(shared_name).

reuse(_Name, 0, Acc) -> Acc;
reuse(Name, N, Acc) ->
    P = spawn(fun() -> receive stop -> ok end end),
    true = register(Name, P),
    Ref = monitor(process, P),
    Name ! stop,
    receive {'DOWN', Ref, process, P, normal} -> ok end,
    reuse(Name, N - 1, Acc + 1).
