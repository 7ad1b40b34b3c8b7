-module(otp_proc_lib).
-export([main/0]).
-export([child/1, starter/1, slow_starter/0, init/1, handle_call/3, handle_cast/2,
         callback_mode/0, handle_event/4]).

%% proc_lib: spawn variants, start/start_link/start_monitor with init_ack,
%% '$ancestors' and '$initial_call', initial_call/1, translate_initial_call/1,
%% the exit reasons of crashing proc_lib processes, stop/1,3.

child(Top) ->
    Top ! {info, self(), get('$ancestors'), get('$initial_call')},
    receive stop -> ok end.

starter(Reply) ->
    case Reply of
        crash -> erlang:error(start_failed);
        _ -> proc_lib:init_ack(Reply)
    end,
    receive stop -> ok end.

slow_starter() ->
    receive after 1000 -> ok end.

init(statem) -> {ok, state, data};
init(S) -> {ok, S}.
handle_call(get, _From, S) -> {reply, S, S}.
handle_cast(_, S) -> {noreply, S}.
callback_mode() -> handle_event_function.
handle_event(_, _, _, _) -> keep_state_and_data.

main() ->
    logger:set_primary_config(level, none),
    process_flag(trap_exit, true),
    Top = self(),
    register(top_proc, Top),
    P1 = proc_lib:spawn(?MODULE, child, [Top]),
    show(P1),
    P2 = proc_lib:spawn_link(fun() -> child(Top) end),
    show(P2),
    {P3, Ref3} = proc_lib:spawn_opt(?MODULE, child, [Top], [monitor]),
    show(P3),
    io:format("initial_call: ~p~n", [proc_lib:initial_call(P1)]),
    io:format("translate_initial_call: ~p~n", [proc_lib:translate_initial_call(P1)]),
    io:format("initial_call of a plain process: ~p~n", [proc_lib:initial_call(spawn(fun() -> receive _ -> ok end end))]),
    [P ! stop || P <- [P1, P2, P3]],
    receive {'DOWN', Ref3, process, P3, R3} -> io:format("monitored exit: ~p~n", [R3]) end,
    receive {'EXIT', P2, R2} -> io:format("linked exit: ~p~n", [R2]) end,
    %% Ancestors through two generations.
    proc_lib:spawn(fun() ->
                           proc_lib:spawn(fun() -> Top ! {grandchild, get('$ancestors')} end)
                   end),
    receive {grandchild, Anc} -> io:format("grandchild ancestors: ~p~n", [length(Anc)]) end,
    %% Synchronous starts.
    io:format("start: ~p~n", [proc_lib:start(?MODULE, starter, [{ok, started}])]),
    io:format("start_link: ~p~n", [proc_lib:start_link(?MODULE, starter, [{ok, linked}])]),
    {Ret, MRef} = proc_lib:start_monitor(?MODULE, starter, [{ok, monitored}]),
    io:format("start_monitor: ~p ~p~n", [Ret, is_reference(MRef)]),
    io:format("start that crashes: ~p~n", [strip(proc_lib:start(?MODULE, starter, [crash]))]),
    io:format("start_link that crashes: ~p~n", [strip(proc_lib:start_link(?MODULE, starter, [crash]))]),
    io:format("start timeout: ~p~n", [proc_lib:start(?MODULE, slow_starter, [], 20)]),
    io:format("start_link timeout: ~p~n", [proc_lib:start_link(?MODULE, slow_starter, [], 20)]),
    %% Exit reasons of crashing proc_lib processes.
    [begin
         {P, R} = proc_lib:spawn_opt(fun() -> F() end, [monitor]),
         receive {'DOWN', R, process, P, Reason} -> io:format("~p -> ~p~n", [Kind, strip(Reason)]) end
     end || {Kind, F} <- [{normal, fun() -> ok end},
                          {exit, fun() -> exit(gone) end},
                          {error, fun() -> erlang:error(broken) end},
                          {throw, fun() -> throw(ball) end},
                          {shutdown, fun() -> exit({shutdown, reason}) end}]],
    %% The dictionary of behaviour processes.
    {ok, GS} = gen_server:start(?MODULE, x, []),
    {ok, SM} = gen_statem:start(?MODULE, statem, []),
    {ok, EM} = gen_event:start(),
    [io:format("~p initial call: ~p, ancestors: ~p~n",
               [Kind, dict_value(Pid, '$initial_call'), dict_value(Pid, '$ancestors')])
     || {Kind, Pid} <- [{gen_server, GS}, {gen_statem, SM}, {gen_event, EM}]],
    io:format("translate gen_server: ~p~n", [proc_lib:translate_initial_call(GS)]),
    io:format("initial_call gen_server: ~p~n", [proc_lib:initial_call(GS)]),
    %% stop.
    io:format("stop: ~p~n", [proc_lib:stop(GS)]),
    io:format("stop/3: ~p~n", [proc_lib:stop(SM, {shutdown, bye}, 1000)]),
    io:format("stop missing: ~p~n", [catch proc_lib:stop(GS)]),
    io:format("stop by name: ~p~n", [begin register(em, EM), proc_lib:stop(em) end]),
    ok.

show(P) ->
    receive
        {info, P, Ancestors, InitialCall} ->
            io:format("ancestors: ~p, initial call: ~p~n", [Ancestors, InitialCall])
    end.

dict_value(Pid, Key) ->
    {dictionary, D} = process_info(Pid, dictionary),
    case lists:keyfind(Key, 1, D) of
        {Key, V} -> shape(V);
        false -> none
    end.

shape(P) when is_pid(P) -> pid;
shape(L) when is_list(L) -> [shape(X) || X <- L];
shape(X) -> X.

strip({error, {Reason, Stack}}) when is_list(Stack), Stack =/= [] -> {error, {Reason, stacktrace}};
strip({Reason, Stack}) when is_list(Stack), Stack =/= [] -> {Reason, stacktrace};
strip(X) -> X.
