-module(otp_sup_simple).
-export([main/0]).
-export([init/1, start_worker/2, start_worker/3, worker/1]).

%% simple_one_for_one: children started on demand with extra arguments,
%% restarted with the same arguments, terminated by pid; the calls that do not
%% apply to it; count_children and which_children shapes.

init(Restart) ->
    {ok, {#{strategy => simple_one_for_one, intensity => 5, period => 10},
          [#{id => ignored_id, start => {?MODULE, start_worker, [prefix]},
             restart => Restart, shutdown => 1000}]}}.

start_worker(prefix, ignore) -> ignore;
start_worker(prefix, fail) -> {error, refused};
start_worker(prefix, Name) ->
    io:format("start ~p~n", [Name]),
    {ok, spawn_link(?MODULE, worker, [Name])}.

start_worker(prefix, Name, Extra) ->
    io:format("start ~p with ~p~n", [Name, Extra]),
    {ok, spawn_link(?MODULE, worker, [Name]), Extra}.

worker(Name) ->
    process_flag(trap_exit, true),
    receive
        {'EXIT', _, Reason} ->
            io:format("stop ~p ~p~n", [Name, Reason]),
            exit(Reason);
        {crash, Reason} ->
            exit(Reason)
    end.

main() ->
    logger:set_primary_config(level, none),
    process_flag(trap_exit, true),
    {ok, Sup} = supervisor:start_link(?MODULE, transient),
    io:format("empty: ~p ~p~n", [supervisor:which_children(Sup), supervisor:count_children(Sup)]),
    {ok, A} = supervisor:start_child(Sup, [a]),
    {ok, B} = supervisor:start_child(Sup, [b]),
    {ok, C, extra} = supervisor:start_child(Sup, [c, extra]),
    io:format("ignore: ~p~n", [supervisor:start_child(Sup, [ignore])]),
    io:format("error: ~p~n", [supervisor:start_child(Sup, [fail])]),
    io:format("children: ~p~n", [lists:sort([{Id, is_pid(P), T, M} || {Id, P, T, M} <- supervisor:which_children(Sup)])]),
    io:format("count: ~p~n", [supervisor:count_children(Sup)]),
    io:format("get_childspec by pid: ~p~n", [supervisor:get_childspec(Sup, A)]),
    io:format("get_childspec unknown pid: ~p~n", [supervisor:get_childspec(Sup, self())]),
    io:format("terminate_child by id: ~p~n", [supervisor:terminate_child(Sup, ignored_id)]),
    io:format("restart_child: ~p~n", [supervisor:restart_child(Sup, A)]),
    io:format("delete_child: ~p~n", [supervisor:delete_child(Sup, A)]),
    io:format("terminate_child a: ~p~n", [supervisor:terminate_child(Sup, A)]),
    io:format("terminate_child a again: ~p~n", [supervisor:terminate_child(Sup, A)]),
    io:format("terminate_child, not a child: ~p~n", [supervisor:terminate_child(Sup, self())]),
    io:format("count: ~p~n", [supervisor:count_children(Sup)]),
    %% A crashed transient child comes back with the same arguments.
    B ! {crash, boom},
    wait_count(Sup, 2, B),
    io:format("b restarted: ~p~n", [supervisor:count_children(Sup)]),
    C ! {crash, normal},
    wait_gone(Sup, C),
    io:format("c ended normally: ~p~n", [supervisor:count_children(Sup)]),
    io:format("shutting down~n"),
    exit(Sup, shutdown),
    receive {'EXIT', Sup, Reason} -> io:format("supervisor exit: ~p~n", [Reason]) end,
    %% Temporary children are never restarted.
    {ok, Sup2} = supervisor:start_link(?MODULE, temporary),
    {ok, T} = supervisor:start_child(Sup2, [t]),
    T ! {crash, boom},
    wait_gone(Sup2, T),
    io:format("temporary after crash: ~p~n", [supervisor:count_children(Sup2)]),
    io:format("bad child spec list: ~p~n", [supervisor:start_link(?MODULE, bad_restart)]),
    receive {'EXIT', _, R2} -> io:format("exit: ~p~n", [R2]) after 100 -> ok end,
    ok.

pids(Sup) -> [P || {_, P, _, _} <- supervisor:which_children(Sup)].

wait_count(Sup, N, Old) ->
    Pids = pids(Sup),
    case length(Pids) =:= N andalso not lists:member(Old, Pids) of
        true -> ok;
        false -> timer:sleep(2), wait_count(Sup, N, Old)
    end.

wait_gone(Sup, Pid) ->
    case lists:member(Pid, pids(Sup)) of
        true -> timer:sleep(2), wait_gone(Sup, Pid);
        false -> ok
    end.
