-module(otp_statem_enter).
-export([main/0]).
-export([init/1, callback_mode/0, handle_event/4]).

%% handle_event_function with state_enter: enter calls with the old state
%% (the state itself at the start and for repeat_state), complex states,
%% actions from enter calls, and the results an enter call may not give.

init(Mode) ->
    put(mode, Mode),
    {ok, {idle, 0}, []}.

callback_mode() -> [handle_event_function, state_enter].

handle_event(enter, OldState, State, Log) ->
    Entry = {enter, OldState, State},
    case {get(mode), State} of
        {bad_next, {busy, _}} -> {next_state, {elsewhere, 0}, Log};
        {bad_postpone, {busy, _}} -> {keep_state, Log, [postpone]};
        {bad_event, {busy, _}} -> {keep_state, Log, [{next_event, internal, x}]};
        {_, {busy, _}} -> {keep_state, [Entry | Log], [{state_timeout, 10, busy_too_long}]};
        _ -> {keep_state, [Entry | Log]}
    end;
handle_event({call, From}, log, _State, Log) ->
    {keep_state_and_data, [{reply, From, lists:reverse(Log)}]};
handle_event({call, From}, work, {idle, N}, Log) ->
    {next_state, {busy, N + 1}, [work | Log], [{reply, From, started}]};
handle_event({call, From}, same, State, Log) ->
    {next_state, State, [same | Log], [{reply, From, same_state}]};
handle_event({call, From}, repeat, _State, Log) ->
    {repeat_state, [repeat | Log], [{reply, From, repeated}]};
handle_event({call, From}, repeat_data, _State, _Log) ->
    {repeat_state_and_data, [{reply, From, repeated}]};
handle_event(state_timeout, busy_too_long, {busy, N}, Log) ->
    {next_state, {idle, N}, [timed_out | Log]};
handle_event({call, From}, state, State, _Log) ->
    {keep_state_and_data, [{reply, From, State}]}.

main() ->
    logger:set_primary_config(level, none),
    {ok, P} = gen_statem:start(?MODULE, normal, []),
    io:format("start: ~p~n", [gen_statem:call(P, log)]),
    io:format("work: ~p~n", [gen_statem:call(P, work)]),
    timer:sleep(60),
    io:format("state: ~p~n", [gen_statem:call(P, state)]),
    io:format("log: ~p~n", [gen_statem:call(P, log)]),
    io:format("same: ~p~n", [gen_statem:call(P, same)]),
    io:format("repeat: ~p~n", [gen_statem:call(P, repeat)]),
    io:format("repeat_state_and_data: ~p~n", [gen_statem:call(P, repeat_data)]),
    io:format("log: ~p~n", [gen_statem:call(P, log)]),
    gen_statem:stop(P),
    [begin
         {ok, Q} = gen_statem:start(?MODULE, Mode, []),
         Ref = monitor(process, Q),
         R = (catch gen_statem:call(Q, work)),
         receive {'DOWN', Ref, process, Q, Why} -> io:format("~p: ~p, exit ~p~n", [Mode, strip(R), strip(Why)]) end
     end || Mode <- [bad_next, bad_postpone, bad_event]],
    ok.

strip({Reason, Stack}) when is_list(Stack) -> Reason;
strip(X) -> X.
