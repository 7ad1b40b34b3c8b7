-module(proc_exit_normal_signal).
-export([main/0]).

%% exit(Pid, normal) does nothing to a process that does not trap exits;
%% a trapping process gets it as a message.
main() ->
    Top = self(),
    P = spawn(fun() -> loop() end),
    Ref = monitor(process, P),
    io:format("exit/2 returns: ~p~n", [exit(P, normal)]),
    io:format("still alive: ~p~n", [is_process_alive(P)]),
    P ! {ping, Top},
    receive pong -> io:format("still answers~n") end,
    P ! stop,
    receive {'DOWN', Ref, process, P, R} -> io:format("stopped with: ~p~n", [R]) end,
    %% A trapping process sees {'EXIT', Sender, normal}.
    T = spawn(fun() ->
                      process_flag(trap_exit, true),
                      Top ! ready,
                      receive
                          {'EXIT', From, Why} -> Top ! {trapped, From =:= Top, Why}
                      end
              end),
    receive ready -> ok end,
    exit(T, normal),
    receive {trapped, FromTop, Why} -> io:format("trapped: from parent ~p, reason ~p~n", [FromTop, Why]) end,
    %% exit(Pid, normal) to a linked, non-trapping process does not break
    %% the link or kill either side.
    spawn(fun() ->
                  C = spawn_link(fun() -> loop() end),
                  exit(C, normal),
                  {links, L} = process_info(self(), links),
                  Top ! {linked, is_process_alive(C), length(L)},
                  C ! stop
          end),
    receive {linked, Alive, NLinks} -> io:format("linked child alive: ~p, links: ~p~n", [Alive, NLinks]) end,
    ok.

loop() ->
    receive
        {ping, From} -> From ! pong, loop();
        stop -> exit(done)
    end.
