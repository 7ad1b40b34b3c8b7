-module(otp_sup_intensity).
-export([main/0]).
-export([init/1, start_worker/1, worker/1]).

%% Restart intensity: more than Intensity restarts within Period seconds make
%% the supervisor stop its children and exit with shutdown; a child
%% supervisor that gives up is restarted by its own supervisor; restarts
%% older than the period no longer count.

init({top, Children}) ->
    {ok, {{one_for_one, 2, 60}, Children}};
init({flags, Flags, Children}) ->
    {ok, {Flags, Children}}.

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

worker_spec(Id) ->
    #{id => Id, start => {?MODULE, start_worker, [Id]}}.

main() ->
    logger:set_primary_config(level, none),
    process_flag(trap_exit, true),
    io:format("-- intensity 1, period 60~n"),
    {ok, S1} = supervisor:start_link(?MODULE, {flags, #{intensity => 1, period => 60},
                                               [worker_spec(a), worker_spec(b)]}),
    crash(S1, a, first),
    io:format("after one restart: ~p~n", [supervisor:count_children(S1)]),
    crash_last(S1, a, second),
    receive {'EXIT', S1, R1} -> io:format("supervisor exit: ~p~n", [R1]) end,
    io:format("-- intensity 0~n"),
    {ok, S2} = supervisor:start_link(?MODULE, {flags, {one_for_all, 0, 1}, [worker_spec(x), worker_spec(y)]}),
    crash_last(S2, y, once),
    receive {'EXIT', S2, R2} -> io:format("supervisor exit: ~p~n", [R2]) end,
    io:format("-- nested~n"),
    Inner = #{id => inner, type => supervisor,
              start => {supervisor, start_link, [{local, inner}, ?MODULE,
                                                 {flags, #{intensity => 0}, [worker_spec(w)]}]}},
    {ok, Top} = supervisor:start_link({local, top}, ?MODULE, {top, [Inner, worker_spec(v)]}),
    io:format("top children: ~p~n", [[{Id, T} || {Id, _, T, _} <- supervisor:which_children(Top)]]),
    io:format("top count: ~p~n", [supervisor:count_children(Top)]),
    InnerPid = whereis(inner),
    crash(inner, w, boom_inner),
    wait_change(Top, inner, InnerPid),
    io:format("inner restarted: ~p~n", [whereis(inner) =/= InnerPid]),
    io:format("inner children: ~p~n", [[Id || {Id, _, _, _} <- supervisor:which_children(inner)]]),
    io:format("-- period~n"),
    {ok, S3} = supervisor:start_link(?MODULE, {flags, #{intensity => 1, period => 1}, [worker_spec(p)]}),
    crash(S3, p, one),
    timer:sleep(2100),
    crash(S3, p, two),
    io:format("still running: ~p~n", [is_process_alive(S3)]),
    exit(S3, shutdown),
    receive {'EXIT', S3, R3} -> io:format("supervisor exit: ~p~n", [R3]) end,
    io:format("-- shutting down top~n"),
    exit(Top, shutdown),
    receive {'EXIT', Top, R4} -> io:format("top exit: ~p~n", [R4]) end,
    ok.

crash(Sup, Id, Reason) ->
    io:format("crash ~p with ~p~n", [Id, Reason]),
    {Id, Pid, _, _} = lists:keyfind(Id, 1, supervisor:which_children(Sup)),
    Pid ! {crash, Reason},
    wait_change(Sup, Id, Pid).

%% The crash that makes the supervisor give up.
crash_last(Sup, Id, Reason) ->
    io:format("crash ~p with ~p~n", [Id, Reason]),
    {Id, Pid, _, _} = lists:keyfind(Id, 1, supervisor:which_children(Sup)),
    Pid ! {crash, Reason}.

wait_change(Sup, Id, Old) ->
    case catch lists:keyfind(Id, 1, supervisor:which_children(Sup)) of
        {Id, Old, _, _} -> timer:sleep(2), wait_change(Sup, Id, Old);
        {Id, restarting, _, _} -> timer:sleep(2), wait_change(Sup, Id, Old);
        _ -> ok
    end.
