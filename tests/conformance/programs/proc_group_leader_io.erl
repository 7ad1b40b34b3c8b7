-module(proc_group_leader_io).
-export([main/0]).

%% Output from spawned processes goes to the same place as main's: they
%% inherit main's group leader. Each step waits for the previous one.
main() ->
    Top = self(),
    io:format("main prints first~n"),
    spawn(fun() -> io:format("child prints second~n"), Top ! done end),
    receive done -> ok end,
    spawn(fun() ->
                  io:format("child prints third~n"),
                  spawn(fun() -> io:format("grandchild prints fourth~n"), Top ! done end)
          end),
    receive done -> ok end,
    spawn(fun() -> Top ! {gl, group_leader() =:= element(2, process_info(Top, group_leader))} end),
    receive {gl, Same} -> io:format("same group leader: ~p~n", [Same]) end,
    %% A relay: each process prints and then hands over to the next.
    Last = lists:foldl(fun(I, Next) ->
                               spawn(fun() ->
                                             receive go -> ok end,
                                             io:format("relay ~p~n", [I]),
                                             Next ! go
                                     end)
                       end, Top, lists:seq(5, 1, -1)),
    Last ! go,
    receive go -> ok end,
    %% io:put_chars and io:fwrite from a child.
    spawn(fun() -> io:put_chars("put_chars from child\n"), io:fwrite("fwrite ~s~n", ["from child"]), Top ! done end),
    receive done -> ok end,
    io:format("main prints last~n"),
    ok.
