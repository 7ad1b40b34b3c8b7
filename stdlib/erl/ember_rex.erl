%% ember_rex: the `rex` server a distributed node runs (net_kernel starts it), which erl's
%% rpc and ember's rpc module call on other nodes: {call, M, F, A, GroupLeader} runs the
%% function in a new process whose group leader is the caller's and answers with its
%% result; {cast, ...} runs it without an answer; and it answers erl's feature query.
-module(ember_rex).
-behaviour(gen_server).

-export([start_link/0, execute/3, init/1, handle_call/3, handle_cast/2, handle_info/2]).

start_link() ->
    gen_server:start({local, rex}, ?MODULE, [], []).

%% The result of M:F(A) as rpc gives it: the value (or the thrown term), or
%% {badrpc, {'EXIT', Reason}}, an error's stack trace ending where the call began.
execute(M, F, A) ->
    try apply(M, F, A)
    catch
        throw:Value -> Value;
        exit:Reason -> {badrpc, {'EXIT', Reason}};
        error:Reason:Stack -> {badrpc, {'EXIT', {Reason, callee_frames(Stack)}}}
    end.

callee_frames(Stack) ->
    Own = fun({Mod, _, _, _}) -> Mod =:= ?MODULE orelse Mod =:= rpc; (_) -> false end,
    lists:reverse(lists:dropwhile(Own, lists:reverse(Stack))).

init([]) -> {ok, #{}}.

handle_call({call, M, F, A, GroupLeader}, From, State) ->
    spawn(fun() ->
                  group_leader(GroupLeader, self()),
                  gen_server:reply(From, execute(M, F, A))
          end),
    {noreply, State};
handle_call(_Request, _From, State) ->
    {reply, {badrpc, unsupported}, State}.

handle_cast({cast, M, F, A, GroupLeader}, State) ->
    spawn(fun() ->
                  group_leader(GroupLeader, self()),
                  catch apply(M, F, A)
          end),
    {noreply, State};
handle_cast(_Msg, State) -> {noreply, State}.

handle_info({From, features_request}, State) when is_pid(From) ->
    From ! {features_reply, node(), [erpc]},
    {noreply, State};
handle_info(_Msg, State) -> {noreply, State}.
