-module(otp_statem_postpone).
-export([main/0]).
-export([init/1, callback_mode/0, waiting/3, ready/3]).

%% postpone and next_event: postponed events come back, oldest first, after a
%% state change and not before; inserted events go before them and before
%% anything in the mailbox.

init(_) -> {ok, waiting, []}.

callback_mode() -> state_functions.

waiting(cast, open, Log) ->
    {next_state, ready, [open | Log]};
waiting(cast, open_with_events, Log) ->
    {next_state, ready, [open_with_events | Log],
     [{next_event, internal, inserted1}, {next_event, cast, inserted2}]};
waiting(cast, {keep, X}, Log) ->
    {keep_state, [{kept, X} | Log], [{postpone, false}]};
waiting({call, From}, log, Log) ->
    {keep_state_and_data, [{reply, From, lists:reverse(Log)}]};
waiting(_Type, _Event, _Log) ->
    {keep_state_and_data, [postpone]}.

ready(cast, close, Log) ->
    {next_state, waiting, [close | Log]};
ready({call, From}, log, Log) ->
    {keep_state, [], [{reply, From, lists:reverse(Log)}]};
ready({call, From}, Req, Log) ->
    {keep_state, [{call, Req} | Log], [{reply, From, {done, Req}}]};
ready(internal, chain, Log) ->
    {keep_state, [chain | Log], [{next_event, internal, chain2}, {next_event, internal, chain3}]};
ready(Type, Event, Log) ->
    {keep_state, [{Type, Event} | Log]}.

main() ->
    {ok, P} = gen_statem:start(?MODULE, [], []),
    Top = self(),
    gen_statem:cast(P, a),
    P ! b,
    gen_statem:cast(P, {keep, c}),
    Caller = spawn(fun() -> Top ! {reply, gen_statem:call(P, job)} end),
    wait_postponed(P, 3),
    io:format("log while waiting: ~p~n", [gen_statem:call(P, log)]),
    gen_statem:cast(P, open),
    gen_statem:cast(P, d),
    receive {reply, R} -> io:format("postponed call got: ~p~n", [R]) end,
    io:format("caller done: ~p~n", [is_process_alive(Caller) =:= false orelse wait_dead(Caller)]),
    io:format("log after open: ~p~n", [gen_statem:call(P, log)]),
    gen_statem:cast(P, close),
    gen_statem:cast(P, e),
    gen_statem:cast(P, chain),
    gen_statem:cast(P, open_with_events),
    gen_statem:cast(P, f),
    io:format("log after open_with_events: ~p~n", [gen_statem:call(P, log)]),
    ok = gen_statem:stop(P),
    ok.

%% The postponed events show up in sys:get_status.
wait_postponed(P, N) ->
    {status, _, _, [_, _, _, _, Misc]} = sys:get_status(P),
    [{data, Items} | _] = [D || {data, Items0} = D <- Misc, lists:keymember("Postponed", 1, Items0)],
    {"Postponed", Postponed} = lists:keyfind("Postponed", 1, Items),
    case length(Postponed) >= N of
        true -> ok;
        false -> timer:sleep(2), wait_postponed(P, N)
    end.

wait_dead(Pid) ->
    case is_process_alive(Pid) of
        true -> timer:sleep(1), wait_dead(Pid);
        false -> true
    end.
