-module(otp_sup_restart_types).
-export([main/0]).
-export([init/1, start_worker/1, worker/0]).

%% Restart types against exit reasons: permanent children always come back,
%% transient ones only after an abnormal exit, temporary ones never (and their
%% spec goes away). Also auto_shutdown with significant children.

init(Flags) -> {ok, {Flags, []}}.

start_worker(_) -> {ok, spawn_link(?MODULE, worker, [])}.

worker() ->
    receive {exit, Reason} -> exit(Reason) end.

main() ->
    logger:set_primary_config(level, none),
    process_flag(trap_exit, true),
    {ok, Sup} = supervisor:start_link(?MODULE, #{intensity => 100, period => 10}),
    Reasons = [normal, shutdown, {shutdown, why}, boom, kill],
    [begin
         Id = {Restart, Reason},
         {ok, Pid} = supervisor:start_child(Sup, #{id => Id, restart => Restart,
                                                   start => {?MODULE, start_worker, [Id]}}),
         Ref = monitor(process, Pid),
         case Reason of
             kill -> exit(Pid, kill);
             _ -> Pid ! {exit, Reason}
         end,
         receive {'DOWN', Ref, process, Pid, _} -> ok end,
         After = wait_handled(Sup, Id, Pid),
         io:format("~p ~p -> ~p~n", [Restart, Reason, After]),
         _ = supervisor:terminate_child(Sup, Id),
         _ = supervisor:delete_child(Sup, Id)
     end || Restart <- [permanent, transient, temporary], Reason <- Reasons],
    exit(Sup, shutdown),
    receive {'EXIT', Sup, _} -> ok end,
    %% auto_shutdown: the supervisor goes when significant children end.
    [begin
         {ok, S} = supervisor:start_link(?MODULE, #{auto_shutdown => Auto}),
         [{ok, _} = supervisor:start_child(S, #{id => Id, restart => transient, significant => true,
                                                 start => {?MODULE, start_worker, [Id]}})
          || Id <- [s1, s2]],
         {ok, _} = supervisor:start_child(S, #{id => plain, start => {?MODULE, start_worker, [plain]}}),
         {s1, P1, _, _} = lists:keyfind(s1, 1, supervisor:which_children(S)),
         P1 ! {exit, normal},
         Result1 = receive {'EXIT', S, R1} -> {supervisor_exit, R1} after 100 -> still_running end,
         io:format("~p, first significant child ends: ~p~n", [Auto, Result1]),
         case Result1 of
             still_running ->
                 {s2, P2, _, _} = lists:keyfind(s2, 1, supervisor:which_children(S)),
                 P2 ! {exit, shutdown},
                 Result2 = receive {'EXIT', S, R2} -> {supervisor_exit, R2} after 100 -> still_running end,
                 io:format("~p, second significant child ends: ~p~n", [Auto, Result2]);
             _ -> ok
         end
     end || Auto <- [any_significant, all_significant]],
    ok.

%% Waits until the supervisor has handled the exit, then describes the child.
wait_handled(Sup, Id, Old) ->
    case lists:keyfind(Id, 1, supervisor:which_children(Sup)) of
        {Id, Old, _, _} -> timer:sleep(2), wait_handled(Sup, Id, Old);
        {Id, Pid, _, _} when is_pid(Pid) -> restarted;
        {Id, Other, _, _} -> {kept, Other};
        false -> removed
    end.
