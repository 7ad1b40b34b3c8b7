-module(otp_statem_stop).
-export([main/0]).
-export([init/1, callback_mode/0, handle_event/4, terminate/3]).

%% Starting and stopping gen_statem: init results, callback_mode errors,
%% stop and stop_and_reply results, terminate/3 and its reason, the exit
%% reasons of gen_statem:call/2,3.

init(ok) -> {ok, running, 0};
init(actions) -> {ok, running, 0, [{next_event, internal, setup}]};
init(ignore) -> ignore;
init(stop) -> {stop, refused};
init(error) -> {error, not_in_otp25};
init(bad) -> {ok, missing_data};
init(crash) -> erlang:error(init_crashed);
init(throw) -> throw({ok, running, thrown});
init({mode, M}) -> put(mode, M), {ok, running, 0}.

callback_mode() ->
    case get(mode) of
        undefined -> handle_event_function;
        M -> M
    end.

handle_event(internal, setup, running, N) -> {keep_state, N + 100};
handle_event({call, From}, get, _S, N) -> {keep_state_and_data, [{reply, From, N}]};
handle_event({call, From}, stop_reply, _S, _N) -> {stop_and_reply, normal, [{reply, From, bye}]};
handle_event({call, From}, stop_reply_data, _S, _N) ->
    {stop_and_reply, {shutdown, done}, {reply, From, bye}, new_data};
handle_event({call, _From}, stop, _S, _N) -> stop;
handle_event({call, _From}, stop_reason, _S, _N) -> {stop, my_reason};
handle_event({call, _From}, stop_data, _S, _N) -> {stop, my_reason, changed};
handle_event({call, _From}, crash, _S, _N) -> erlang:error(crashed);
handle_event({call, _From}, bad, _S, _N) -> not_a_result;
handle_event({call, _From}, bad_action, _S, _N) -> {keep_state_and_data, [not_an_action]};
handle_event({call, From}, {sleep, T}, _S, _N) ->
    receive after T -> {keep_state_and_data, [{reply, From, slept}]} end;
handle_event({call, From}, throw, _S, N) -> throw({keep_state, N + 1, [{reply, From, thrown}]});
handle_event(info, _, _S, _N) -> keep_state_and_data.

terminate(Reason, State, Data) ->
    io:format("  terminate ~p ~p ~p~n", [strip(Reason), State, Data]).

main() ->
    logger:set_primary_config(level, none),
    process_flag(trap_exit, true),
    io:format("-- init~n"),
    [begin
         R = gen_statem:start(?MODULE, I, []),
         io:format("~p: ~p~n", [I, shape(R)]),
         case R of
             {ok, P} -> io:format("  data: ~p~n", [gen_statem:call(P, get)]), gen_statem:stop(P);
             _ -> ok
         end
     end || I <- [ok, actions, ignore, stop, error, bad, crash, throw]],
    io:format("-- callback_mode~n"),
    [begin
         {ok, P} = gen_statem:start(?MODULE, {mode, M}, []),
         Ref = monitor(process, P),
         receive {'DOWN', Ref, process, P, Why} -> io:format("~p: ~p~n", [M, strip(Why)]) end
     end || M <- [bad_mode, [state_enter], [handle_event_function, extra]]],
    io:format("-- stopping~n"),
    [begin
         {ok, P} = gen_statem:start(?MODULE, ok, []),
         Ref = monitor(process, P),
         R = (catch gen_statem:call(P, Req)),
         receive {'DOWN', Ref, process, P, Why} ->
                 io:format("~p: ~p, exit ~p~n", [Req, shape(R), strip(Why)])
         end
     end || Req <- [stop_reply, stop_reply_data, stop, stop_reason, stop_data, crash, bad,
                    bad_action]],
    {ok, P1} = gen_statem:start(?MODULE, ok, []),
    io:format("throw: ~p, then ~p~n", [gen_statem:call(P1, throw), gen_statem:call(P1, get)]),
    io:format("stop/3: ~p~n", [gen_statem:stop(P1, {shutdown, x}, 1000)]),
    io:format("-- call errors~n"),
    io:format("missing: ~p~n", [catch gen_statem:call(nobody, get)]),
    io:format("missing, timeout: ~p~n", [catch gen_statem:call(nobody, get, 100)]),
    {ok, P2} = gen_statem:start({local, sm}, ?MODULE, ok, []),
    io:format("timeout: ~p~n", [catch gen_statem:call(sm, {sleep, 100}, 10)]),
    io:format("dirty timeout: ~p~n", [catch gen_statem:call(sm, {sleep, 100}, {dirty_timeout, 10})]),
    io:format("clean timeout: ~p~n", [catch gen_statem:call(sm, get, {clean_timeout, 1000})]),
    io:format("stop missing: ~p~n", [catch gen_statem:stop(nobody)]),
    %% The parent's exit, seen by a trapping machine.
    Top = self(),
    Parent = spawn(fun() ->
                           {ok, S} = gen_statem:start_link(?MODULE, ok, []),
                           Top ! {machine, S},
                           receive go -> exit(parent_died) end
                   end),
    S = receive {machine, X} -> X end,
    Ref = monitor(process, S),
    Parent ! go,
    receive {'DOWN', Ref, process, S, Why} -> io:format("after the parent died: ~p~n", [Why]) end,
    gen_statem:stop(P2),
    ok.

shape({ok, P}) when is_pid(P) -> {ok, pid};
shape({'EXIT', {Reason, {gen_statem, call, [P | Rest]}}}) when is_pid(P) ->
    {'EXIT', {strip(Reason), {gen_statem, call, [pid | Rest]}}};
shape({error, Reason}) -> {error, strip(Reason)};
shape(X) -> X.

strip({Reason, Stack}) when is_list(Stack), Stack =/= [] -> Reason;
strip(X) -> X.
