-module(otp_sup_child_ops).
-export([main/0]).
-export([init/1, start_worker/1, worker/1]).

%% start_child, terminate_child, restart_child, delete_child, which_children
%% and count_children on a one_for_one supervisor, with their exact replies.

init(sub) ->
    {ok, {#{}, [#{id => inner_worker, start => {?MODULE, start_worker, [inner]}}]}};
init(top) ->
    {ok, {#{strategy => one_for_one},
          [#{id => w1, start => {?MODULE, start_worker, [w1]}},
           #{id => sub, start => {supervisor, start_link, [?MODULE, sub]}, type => supervisor}]}}.

start_worker(ignore) -> ignore;
start_worker(fail) -> {error, failed};
start_worker(junk) -> junk;
start_worker(crash) -> erlang:error(start_crashed);
start_worker({info, Id}) ->
    {ok, spawn_link(?MODULE, worker, [Id]), {extra, Id}};
start_worker(Id) ->
    {ok, spawn_link(?MODULE, worker, [Id])}.

worker(Id) ->
    process_flag(trap_exit, true),
    receive
        {'EXIT', _, Reason} ->
            io:format("stop ~p ~p~n", [Id, Reason]),
            exit(Reason)
    end.

spec(Id, Arg) -> #{id => Id, start => {?MODULE, start_worker, [Arg]}}.
spec(Id, Arg, Restart) -> (spec(Id, Arg))#{restart => Restart}.

main() ->
    logger:set_primary_config(level, none),
    process_flag(trap_exit, true),
    {ok, Sup} = supervisor:start_link({local, ops}, ?MODULE, top),
    show(),
    io:format("start w2: ~p~n", [shape(supervisor:start_child(ops, spec(w2, w2)))]),
    io:format("start w3 with info: ~p~n", [shape(supervisor:start_child(ops, spec(w3, {info, w3})))]),
    io:format("start w2 again: ~p~n", [shape(supervisor:start_child(ops, spec(w2, w2)))]),
    io:format("start ignore: ~p~n", [supervisor:start_child(ops, spec(ign, ignore))]),
    io:format("start temporary ignore: ~p~n", [supervisor:start_child(ops, spec(tign, ignore, temporary))]),
    io:format("start error: ~p~n", [supervisor:start_child(ops, spec(err, fail))]),
    io:format("start junk: ~p~n", [supervisor:start_child(ops, spec(junk, junk))]),
    {error, {{'EXIT', {start_crashed, _}}, Child}} = supervisor:start_child(ops, spec(cr, crash)),
    io:format("start crash: ~p~n", [Child]),
    show(),
    io:format("terminate w2: ~p~n", [supervisor:terminate_child(ops, w2)]),
    io:format("terminate w2 again: ~p~n", [supervisor:terminate_child(ops, w2)]),
    io:format("terminate missing: ~p~n", [supervisor:terminate_child(ops, missing)]),
    io:format("start w2 now: ~p~n", [supervisor:start_child(ops, spec(w2, w2))]),
    io:format("restart w2: ~p~n", [shape(supervisor:restart_child(ops, w2))]),
    io:format("restart w2 again: ~p~n", [supervisor:restart_child(ops, w2)]),
    io:format("restart ign: ~p~n", [supervisor:restart_child(ops, ign)]),
    io:format("restart missing: ~p~n", [supervisor:restart_child(ops, missing)]),
    io:format("delete running w2: ~p~n", [supervisor:delete_child(ops, w2)]),
    io:format("delete ign: ~p~n", [supervisor:delete_child(ops, ign)]),
    io:format("delete ign again: ~p~n", [supervisor:delete_child(ops, ign)]),
    io:format("terminate w3: ~p~n", [supervisor:terminate_child(ops, w3)]),
    io:format("restart w3: ~p~n", [shape(supervisor:restart_child(ops, w3))]),
    io:format("terminate sub: ~p~n", [supervisor:terminate_child(ops, sub)]),
    show(),
    io:format("restart sub: ~p~n", [shape(supervisor:restart_child(ops, sub))]),
    {ok, _} = supervisor:start_child(ops, spec(tmp, tmp, temporary)),
    io:format("terminate temporary: ~p~n", [supervisor:terminate_child(ops, tmp)]),
    io:format("temporary spec: ~p~n", [supervisor:get_childspec(ops, tmp)]),
    show(),
    io:format("shutting down~n"),
    exit(Sup, shutdown),
    receive {'EXIT', Sup, R} -> io:format("supervisor exit: ~p~n", [R]) end,
    ok.

show() ->
    io:format("which_children: ~p~n", [shape(supervisor:which_children(ops))]),
    io:format("count_children: ~p~n", [supervisor:count_children(ops)]).

shape(P) when is_pid(P) -> pid;
shape(T) when is_tuple(T) -> list_to_tuple(shape(tuple_to_list(T)));
shape([H | T]) -> [shape(H) | shape(T)];
shape(X) -> X.
