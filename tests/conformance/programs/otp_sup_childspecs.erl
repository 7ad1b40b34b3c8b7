-module(otp_sup_childspecs).
-export([main/0]).
-export([init/1, start_worker/1, worker/0]).

%% Child specifications: maps with defaults, old-style tuples, every kind of
%% error check_childspecs/1 reports, and bad supervisor flags.

init(Spec) -> Spec.

start_worker(_) -> {ok, spawn_link(?MODULE, worker, [])}.

worker() -> receive stop -> ok end.

main() ->
    logger:set_primary_config(level, none),
    process_flag(trap_exit, true),
    MFA = {?MODULE, start_worker, [x]},
    Checks = [
        [#{id => a, start => MFA}],
        [#{id => a, start => MFA, restart => transient, shutdown => brutal_kill,
           type => worker, modules => dynamic}],
        [#{id => s, start => MFA, type => supervisor}],
        [{a, MFA, permanent, 5000, worker, [?MODULE]}],
        [{a, MFA, temporary, infinity, supervisor, dynamic}],
        [],
        [#{}],
        [#{start => MFA}],
        [#{id => a}],
        [#{id => a, start => {m, f}}],
        [#{id => a, start => {"m", f, []}}],
        [#{id => a, start => {m, f, not_a_list}}],
        [#{id => a, start => MFA, restart => sometimes}],
        [#{id => a, start => MFA, shutdown => -1}],
        [#{id => a, start => MFA, shutdown => soon}],
        [#{id => a, start => MFA, type => manager}],
        [#{id => a, start => MFA, modules => ?MODULE}],
        [#{id => a, start => MFA, modules => ["m"]}],
        [#{id => a, start => MFA, significant => true}],
        [#{id => a, start => MFA, significant => maybe}],
        [#{id => a, start => MFA, significant => true, restart => transient}],
        [#{id => a, start => MFA, unknown_key => 1}],
        [#{id => a, start => MFA}, #{id => b, start => MFA}, #{id => a, start => MFA}],
        [{a, MFA, permanent, 5000, worker}],
        [{a, MFA, forever, 5000, worker, []}],
        [{a, MFA, permanent, 5000, thing, []}],
        [not_a_spec],
        not_a_list
    ],
    [io:format("~p~n  -> ~p~n", [C, supervisor:check_childspecs(C)]) || C <- Checks],
    Significant = [#{id => a, start => MFA, restart => R, significant => true}
                   || R <- [transient, temporary, permanent]],
    [io:format("auto_shutdown ~p, ~p: ~p~n", [A, R, supervisor:check_childspecs([C], A)])
     || A <- [never, any_significant, all_significant], #{restart := R} = C <- Significant],
    %% Defaults as get_childspec/2 shows them.
    {ok, Sup} = supervisor:start_link(?MODULE, {ok, {#{}, [#{id => w, start => MFA},
                                                        #{id => s, start => MFA, type => supervisor},
                                                        {t, MFA, transient, brutal_kill, worker, dynamic}]}}),
    [io:format("spec ~p: ~p~n", [Id, supervisor:get_childspec(Sup, Id)]) || Id <- [w, s, t, none]],
    {ok, _} = supervisor:start_child(Sup, #{id => temp, start => MFA, restart => temporary}),
    io:format("spec temp: ~p~n", [supervisor:get_childspec(Sup, temp)]),
    io:format("start_child with a bad spec: ~p~n", [supervisor:start_child(Sup, #{id => bad})]),
    io:format("start_child with a bad tuple: ~p~n", [supervisor:start_child(Sup, {bad, MFA})]),
    io:format("callback module: ~p~n", [supervisor:get_callback_module(Sup)]),
    exit(Sup, shutdown),
    receive {'EXIT', Sup, _} -> ok end,
    %% Supervisor flags.
    Flags = [#{strategy => sideways}, #{intensity => -1}, #{intensity => many},
             #{period => 0}, #{auto_shutdown => sometimes},
             #{strategy => simple_one_for_one, auto_shutdown => any_significant},
             #{auto_shutdown => all_significant},
             {one_for_one, 1}, {one_for_one, 1, 0}, {rest_for_one, x, 5}, not_flags],
    [begin
         R = case supervisor:start_link(?MODULE, {ok, {F, []}}) of
                 {ok, Pid} ->
                     exit(Pid, shutdown),
                     receive {'EXIT', Pid, shutdown} -> ok end,
                     {ok, pid};
                 Error ->
                     receive {'EXIT', _, _} -> ok end,
                     Error
             end,
         io:format("flags ~p~n  -> ~p~n", [F, R])
     end || F <- Flags],
    io:format("init returns ignore: ~p~n", [supervisor:start_link(?MODULE, ignore)]),
    receive {'EXIT', _, normal} -> io:format("exit: normal~n") end,
    io:format("init returns junk: ~p~n", [supervisor:start_link(?MODULE, junk)]),
    receive {'EXIT', _, Why} -> io:format("exit: ~p~n", [Why]) end,
    io:format("mailbox: ~p~n", [flush()]),
    ok.

flush() ->
    receive M -> [M | flush()] after 0 -> [] end.
