-module(otp_gs_timeout).
-export([main/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

%% Timeouts in gen_server returns: a timeout message comes when nothing else
%% arrives in time, any message cancels it, hibernate is accepted everywhere.

init(T) -> {ok, {T, []}, T}.

handle_call(log, _From, {T, Log}) ->
    {reply, lists:reverse(Log), {T, Log}};
handle_call({arm, T2}, _From, {T, Log}) ->
    {reply, armed, {T, Log}, T2};
handle_call(hibernate, _From, S) ->
    {reply, hibernating, S, hibernate};
handle_call(infinity, _From, S) ->
    {reply, no_timeout, S, infinity}.

handle_cast({arm, T2}, {T, Log}) ->
    {noreply, {T, [{armed, T2} | Log]}, T2};
handle_cast(hibernate, {T, Log}) ->
    {noreply, {T, [hibernated | Log]}, hibernate};
handle_cast(Msg, {T, Log}) ->
    {noreply, {T, [{cast, Msg} | Log]}}.

handle_info(timeout, {T, Log}) ->
    {noreply, {T, [timeout | Log]}};
handle_info(Msg, {T, Log}) ->
    {noreply, {T, [{info, Msg} | Log]}, T}.

main() ->
    {ok, P} = gen_server:start_link(?MODULE, 100, []),
    timer:sleep(250),
    io:format("after init timeout: ~p~n", [gen_server:call(P, log)]),
    %% Messages arriving in time cancel the timeout each time.
    [begin P ! {tick, N}, timer:sleep(5) end || N <- [1, 2, 3]],
    timer:sleep(250),
    io:format("ticks then timeout: ~p~n", [gen_server:call(P, log)]),
    io:format("arm: ~p~n", [gen_server:call(P, {arm, 20})]),
    timer:sleep(80),
    io:format("after armed call: ~p~n", [gen_server:call(P, log)]),
    io:format("arm, then a call: ~p~n", [gen_server:call(P, {arm, 200})]),
    io:format("log (no timeout yet): ~p~n", [gen_server:call(P, log)]),
    gen_server:cast(P, {arm, 0}),
    timer:sleep(30),
    io:format("zero timeout: ~p~n", [gen_server:call(P, log)]),
    io:format("hibernate: ~p~n", [gen_server:call(P, hibernate)]),
    gen_server:cast(P, hibernate),
    gen_server:cast(P, woke),
    io:format("after hibernation: ~p~n", [gen_server:call(P, log)]),
    io:format("infinity: ~p~n", [gen_server:call(P, infinity)]),
    {ok, Q} = gen_server:start_link(?MODULE, 20, [{hibernate_after, 5}]),
    timer:sleep(60),
    io:format("with hibernate_after: ~p~n", [gen_server:call(Q, log)]),
    ok.
