%% global on one node: registering (one name per process, one process per name), looking
%% up, sending, re-registering, names that go with their process, locks and transactions,
%% and gen_server, gen_statem and supervisor under {global, Name}.
-module(lib_global).
-behaviour(gen_server).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2]).

show(What, Value) -> io:format("~p: ~p~n", [What, Value]).

init(N) -> {ok, N}.
handle_call(get, _From, N) -> {reply, N, N}.
handle_cast({add, K}, N) -> {noreply, N + K}.
handle_info(_, N) -> {noreply, N}.

main() ->
    P = spawn(fun() -> receive stop -> ok end end),
    Me = self(),
    show(register, global:register_name(a, P)),
    show(name_taken, global:register_name(a, Me)),
    show(whereis, global:whereis_name(a) =:= P),
    show(whereis_none, global:whereis_name(zz)),
    show(names, lists:sort(global:registered_names())),
    show(unregister, global:unregister_name(b)),
    show(unregister_none, global:unregister_name(nope)),
    show(re_register, global:re_register_name(a, Me)),
    show(moved, global:whereis_name(a) =:= Me),
    show(send, global:send(a, hi) =:= Me),
    show(received, receive hi -> yes after 100 -> no end),
    show(send_none, catch global:send(nope, x)),
    show(register_p, global:register_name(p, P)),
    P ! stop,
    timer:sleep(100),
    show(gone_with_process, global:whereis_name(p)),
    show(sync, global:sync()),
    show(trans, global:trans({res, Me}, fun() -> in_trans end)),
    show(lock, global:set_lock({res, Me})),
    Other = spawn(fun() -> Me ! {other, global:set_lock({res, other}, [node()], 0)} end),
    show(lock_taken, receive {other, R} -> R end),
    show(unlock, global:del_lock({res, Me})),
    show(trans_free, global:trans({res, other}, fun() -> free end, [node()], 0)),
    _ = Other,
    %% Behaviours under global names.
    {ok, S} = gen_server:start({global, counter}, ?MODULE, 10, []),
    show(server_registered, global:whereis_name(counter) =:= S),
    show(already, element(1, gen_server:start({global, counter}, ?MODULE, 0, []))),
    gen_server:cast({global, counter}, {add, 5}),
    show(call, gen_server:call({global, counter}, get)),
    show(call_none, element(1, catch gen_server:call({global, nobody}, get))),
    ok = gen_server:stop({global, counter}),
    show(stopped_name_gone, global:whereis_name(counter)),
    %% re_register_name may give a process a second name; a lock taken twice is one lock.
    Q = spawn(fun() -> receive stop -> ok end end),
    show(first_name, global:register_name(q1, Q)),
    show(second_by_re_register, global:re_register_name(q2, Q)),
    show(both, lists:sort([N || N <- global:registered_names(), N =:= q1 orelse N =:= q2])),
    show(lock_twice, {global:set_lock({r2, x}), global:set_lock({r2, x}), global:del_lock({r2, x})}),
    spawn(fun() -> Me ! {lock_free, global:set_lock({r2, y}, [node()], 0)} end),
    show(lock_free_after_one_del, receive {lock_free, F} -> F end),
    Q ! stop,
    timer:sleep(100),
    show(names_gone, [N || N <- global:registered_names(), N =:= q1 orelse N =:= q2]),
    %% enter_loop under a global name the process does not have.
    Entered = spawn(fun() -> gen_server:enter_loop(?MODULE, [], 0, {global, not_mine}) end),
    Ref = erlang:monitor(process, Entered),
    show(enter_loop_unregistered, receive {'DOWN', Ref, process, _, Why} -> Why end),
    ok.
