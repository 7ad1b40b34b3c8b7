-module(otp_statem_timeouts).
-export([main/0]).
-export([init/1, callback_mode/0, handle_event/4]).

%% gen_statem time-outs: the event time-out (cancelled by any event), the state
%% time-out (cancelled by a state change), generic named time-outs, update and
%% cancel, zero times, absolute times.

init(_) -> {ok, s0, []}.

callback_mode() -> handle_event_function.

%% Time-outs are set by casts {set, NextState, Actions}.
handle_event(cast, {set, Next, Actions}, _State, Log) ->
    {next_state, Next, Log, Actions};
handle_event(cast, Msg, _State, Log) ->
    {keep_state, [{cast, Msg} | Log]};
handle_event({call, From}, log, _State, Log) ->
    {keep_state, [], [{reply, From, lists:reverse(Log)}]};
handle_event({call, From}, {do, Actions}, _State, Log) ->
    {keep_state, Log, [{reply, From, ok} | Actions]};
handle_event(Type, Content, State, Log) ->
    {keep_state, [{State, Type, Content} | Log]}.

log(P) -> gen_statem:call(P, log).

main() ->
    {ok, P} = gen_statem:start_link(?MODULE, [], []),
    gen_statem:cast(P, {set, s1, [{timeout, 20, ev}]}),
    timer:sleep(80),
    io:format("event timeout: ~p~n", [log(P)]),
    gen_statem:cast(P, {set, s1, [{timeout, 100, ev}]}),
    gen_statem:cast(P, interrupt),
    timer:sleep(150),
    io:format("cancelled by an event: ~p~n", [log(P)]),
    gen_statem:cast(P, {set, s1, 20}),
    timer:sleep(80),
    io:format("bare integer: ~p~n", [log(P)]),
    gen_statem:cast(P, {set, s1, [{timeout, infinity, never}]}),
    timer:sleep(30),
    io:format("infinity: ~p~n", [log(P)]),
    %% The state time-out lives through events in the same state.
    gen_statem:cast(P, {set, s2, [{state_timeout, 60, st}]}),
    gen_statem:cast(P, in_between),
    timer:sleep(120),
    io:format("state timeout: ~p~n", [log(P)]),
    gen_statem:cast(P, {set, s3, [{state_timeout, 60, st}]}),
    gen_statem:cast(P, {set, s4, []}),
    timer:sleep(120),
    io:format("cancelled by a state change: ~p~n", [log(P)]),
    gen_statem:cast(P, {set, s4, [{state_timeout, 60, st}]}),
    gen_statem:cast(P, {set, s4, []}),
    timer:sleep(120),
    io:format("same state keeps it: ~p~n", [log(P)]),
    %% Generic time-outs.
    gen_statem:cast(P, {set, s5, [{{timeout, a}, 40, a1}, {{timeout, b}, 20, b1},
                                  {{timeout, c}, 30, c1}]}),
    gen_statem:cast(P, {set, s6, [{{timeout, c}, cancel}]}),
    timer:sleep(100),
    io:format("generic: ~p~n", [log(P)]),
    gen_statem:cast(P, {set, s6, [{{timeout, a}, 30, first}]}),
    gen_statem:cast(P, {set, s6, [{{timeout, a}, update, second}]}),
    timer:sleep(80),
    io:format("update: ~p~n", [log(P)]),
    gen_statem:cast(P, {set, s6, [{{timeout, a}, update, not_running}]}),
    timer:sleep(20),
    io:format("update when not running: ~p~n", [log(P)]),
    gen_statem:cast(P, {set, s6, [{{timeout, a}, 30, first}, {{timeout, a}, 10, second}]}),
    timer:sleep(80),
    io:format("restarted: ~p~n", [log(P)]),
    %% Zero time-outs are queued in order, before further messages.
    gen_statem:cast(P, {set, s7, [{state_timeout, 0, st0}, {{timeout, g}, 0, g0},
                                  {timeout, 0, ev0}]}),
    gen_statem:cast(P, after_zero),
    timer:sleep(20),
    io:format("zero: ~p~n", [log(P)]),
    gen_statem:cast(P, {set, s7, [{timeout, 0, ev0}]}),
    timer:sleep(20),
    io:format("zero event timeout alone: ~p~n", [log(P)]),
    gen_statem:cast(P, {set, s8, [{timeout, 0, ev0}, {next_event, internal, first}]}),
    timer:sleep(20),
    io:format("zero event timeout with an inserted event: ~p~n", [log(P)]),
    %% Absolute times.
    Now = erlang:monotonic_time(millisecond),
    gen_statem:cast(P, {set, s9, [{state_timeout, Now + 30, abs_st, [{abs, true}]},
                                  {{timeout, x}, Now - 1000, past, [{abs, true}]}]}),
    timer:sleep(100),
    io:format("absolute: ~p~n", [log(P)]),
    %% Cancelling with infinity and cancel.
    gen_statem:cast(P, {set, s10, [{state_timeout, 30, st}, {{timeout, y}, 30, y}]}),
    ok = gen_statem:call(P, {do, [{state_timeout, cancel}, {{timeout, y}, infinity, y}]}),
    timer:sleep(80),
    io:format("cancelled: ~p~n", [log(P)]),
    ok.
