-module(otp_gs_continue).
-export([main/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, handle_continue/2,
         terminate/2]).

%% handle_continue/2: {continue, C} from init, from call/cast/info returns and
%% from handle_continue itself; a continuation runs before the next message.

init(Log) ->
    {ok, [init | Log], {continue, from_init}}.

handle_call(log, _From, Log) ->
    {reply, lists:reverse(Log), Log};
handle_call(chain, _From, Log) ->
    {reply, chained, [chain | Log], {continue, {chain, 3}}};
handle_call(stop_in_continue, _From, Log) ->
    {reply, stopping, Log, {continue, stop}}.

handle_cast(Msg, Log) ->
    {noreply, [{cast, Msg} | Log], {continue, {after_cast, Msg}}}.

handle_info(Msg, Log) ->
    {noreply, [{info, Msg} | Log], {continue, {after_info, Msg}}}.

handle_continue(from_init, Log) ->
    %% A message sent to ourselves now is handled after this continuation.
    self() ! from_continue,
    {noreply, [continue_from_init | Log]};
handle_continue({chain, 0}, Log) ->
    {noreply, [chain_done | Log]};
handle_continue({chain, N}, Log) ->
    {noreply, [{chain, N} | Log], {continue, {chain, N - 1}}};
handle_continue(stop, Log) ->
    {stop, {shutdown, from_continue}, Log};
handle_continue(Other, Log) ->
    {noreply, [{continue, Other} | Log]}.

terminate(Reason, Log) ->
    io:format("terminate ~p after ~p steps~n", [Reason, length(Log)]).

main() ->
    process_flag(trap_exit, true),
    {ok, P} = gen_server:start_link(?MODULE, [], []),
    gen_server:cast(P, c1),
    P ! i1,
    io:format("log: ~p~n", [gen_server:call(P, log)]),
    io:format("chain: ~p~n", [gen_server:call(P, chain)]),
    io:format("log: ~p~n", [gen_server:call(P, log)]),
    Reply = gen_server:call(P, stop_in_continue),
    receive {'EXIT', P, Why} -> io:format("stop: ~p, exit: ~p~n", [Reply, Why]) end,
    ok.
