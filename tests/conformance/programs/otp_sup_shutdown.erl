-module(otp_sup_shutdown).
-export([main/0]).
-export([init/1, start_worker/2, worker/2]).

%% Shutdown of children: brutal_kill, a time after which a child that does not
%% stop is killed, infinity; the reasons the children end with, and the order.

init(Children) -> {ok, {#{strategy => one_for_one}, Children}}.

start_worker(Id, Behaviour) ->
    {ok, spawn_link(?MODULE, worker, [Id, Behaviour])}.

worker(Id, Behaviour) ->
    process_flag(trap_exit, true),
    loop(Id, Behaviour).

loop(Id, Behaviour) ->
    receive
        {'EXIT', _, Reason} ->
            case Behaviour of
                obey ->
                    io:format("~p stops: ~p~n", [Id, Reason]),
                    exit(Reason);
                slow ->
                    io:format("~p stops slowly: ~p~n", [Id, Reason]),
                    receive after 50 -> exit(Reason) end;
                other_reason ->
                    io:format("~p stops with its own reason~n", [Id]),
                    exit(my_own_reason);
                ignore ->
                    io:format("~p ignores: ~p~n", [Id, Reason]),
                    loop(Id, Behaviour)
            end
    end.

child(Id, Behaviour, Shutdown) ->
    #{id => Id, start => {?MODULE, start_worker, [Id, Behaviour]}, shutdown => Shutdown}.

main() ->
    logger:set_primary_config(level, none),
    process_flag(trap_exit, true),
    {ok, Sup} = supervisor:start_link(?MODULE,
                                      [child(brutal, obey, brutal_kill),
                                       child(timed, obey, 1000),
                                       child(slow, slow, 1000),
                                       child(stubborn, ignore, 100),
                                       child(patient, slow, infinity),
                                       child(odd, other_reason, 1000)]),
    Refs = [{Id, monitor(process, Pid)} || {Id, Pid, _, _} <- supervisor:which_children(Sup)],
    [begin
         io:format("terminate_child ~p: ~p~n", [Id, supervisor:terminate_child(Sup, Id)]),
         receive {'DOWN', Ref, process, _, Why} -> io:format("  ~p ended: ~p~n", [Id, Why]) end
     end || {Id, Ref} <- Refs],
    io:format("restart all: ~p~n", [[element(1, supervisor:restart_child(Sup, Id)) || {Id, _} <- Refs]]),
    Refs2 = [{Id, monitor(process, Pid)} || {Id, Pid, _, _} <- supervisor:which_children(Sup)],
    io:format("shutting down the supervisor~n"),
    exit(Sup, shutdown),
    receive {'EXIT', Sup, R} -> io:format("supervisor exit: ~p~n", [R]) end,
    [receive {'DOWN', Ref, process, _, Why} -> io:format("  ~p ended: ~p~n", [Id, Why]) end
     || {Id, Ref} <- Refs2],
    ok.
