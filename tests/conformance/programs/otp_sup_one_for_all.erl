-module(otp_sup_one_for_all).
-export([main/0]).
-export([init/1, start_worker/1, worker/1]).

%% one_for_all: when a child ends and is restarted, all the others are stopped
%% (newest first) and all are started again in order; temporary children are
%% not restarted, and a child that ended normally is started again too.

init(Children) ->
    {ok, {#{strategy => one_for_all, intensity => 10, period => 10}, Children}}.

start_worker(Id) ->
    io:format("start ~p~n", [Id]),
    {ok, spawn_link(?MODULE, worker, [Id])}.

worker(Id) ->
    process_flag(trap_exit, true),
    receive
        {'EXIT', _, Reason} ->
            io:format("stop ~p ~p~n", [Id, Reason]),
            exit(Reason);
        {crash, Reason} ->
            exit(Reason)
    end.

child(Id, Restart) ->
    #{id => Id, start => {?MODULE, start_worker, [Id]}, restart => Restart}.

main() ->
    logger:set_primary_config(level, none),
    process_flag(trap_exit, true),
    {ok, Sup} = supervisor:start_link(?MODULE, [child(a, permanent), child(b, transient),
                                                child(c, temporary), child(d, permanent)]),
    show(Sup),
    crash(Sup, c, boom),
    show(Sup),
    crash(Sup, a, boom),
    show(Sup),
    crash(Sup, b, boom),
    show(Sup),
    crash(Sup, b, normal),
    show(Sup),
    crash(Sup, a, normal),
    show(Sup),
    crash(Sup, d, shutdown),
    show(Sup),
    io:format("count: ~p~n", [supervisor:count_children(Sup)]),
    io:format("shutting down~n"),
    exit(Sup, shutdown),
    receive {'EXIT', Sup, Reason} -> io:format("supervisor exit: ~p~n", [Reason]) end,
    ok.

crash(Sup, Id, Reason) ->
    io:format("crash ~p with ~p~n", [Id, Reason]),
    {Id, Pid, _, _} = lists:keyfind(Id, 1, supervisor:which_children(Sup)),
    Pid ! {crash, Reason},
    wait_change(Sup, Id, Pid).

%% Waits until the supervisor has dealt with the exit of the child.
wait_change(Sup, Id, Old) ->
    case lists:keyfind(Id, 1, supervisor:which_children(Sup)) of
        {Id, Old, _, _} -> timer:sleep(2), wait_change(Sup, Id, Old);
        _ -> ok
    end.

show(Sup) ->
    io:format("children: ~p~n", [[{Id, shape(P), T, M} || {Id, P, T, M} <- supervisor:which_children(Sup)]]).

shape(P) when is_pid(P) -> pid;
shape(Other) -> Other.
