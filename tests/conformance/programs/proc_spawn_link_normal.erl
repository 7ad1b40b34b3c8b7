-module(proc_spawn_link_normal).
-export([main/0]).

%% A linked child that ends normally: a non-trapping parent is not
%% affected, a trapping parent gets {'EXIT', Pid, normal}.
main() ->
    Top = self(),
    %% Non-trapping runner process.
    spawn(fun() ->
                       process_flag(trap_exit, false),
                       C = spawn_link(fun() -> receive go -> ok end end),
                       Mon = monitor(process, C),
                       C ! go,
                       receive {'DOWN', Mon, process, C, Why} -> ok end,
                       Top ! {r1, Why, process_info(self(), message_queue_len)}
               end),
    receive {r1, Why1, QLen} ->
            io:format("non-trapping: child reason ~p, runner alive, ~p~n", [Why1, QLen])
    end,
    %% Trapping runner process.
    spawn(fun() ->
                  process_flag(trap_exit, true),
                  C = spawn_link(fun() -> ok end),
                  receive
                      {'EXIT', C, Reason} -> Top ! {r2, Reason}
                  end
          end),
    receive {r2, Reason2} -> io:format("trapping: got EXIT with ~p~n", [Reason2]) end,
    %% The link is visible from both sides while the child lives.
    spawn(fun() ->
                  Me = self(),
                  C = spawn_link(fun() -> receive stop -> ok end end),
                  {links, L1} = process_info(self(), links),
                  {links, L2} = process_info(C, links),
                  Top ! {r3, L1 =:= [C], L2 =:= [Me]},
                  C ! stop
          end),
    receive {r3, A, B} -> io:format("parent sees link: ~p, child sees link: ~p~n", [A, B]) end,
    ok.
