%% rpc: calls on other nodes, after OTP's rpc module.
%%
%% call/4,5 and cast/4 go through the `rex` server of the target node (every erl node has
%% one, and so does a distributed ember node): the server runs the function in a new
%% process whose group leader is the caller's, so its output appears where the call was
%% made. A call on this node runs in a new process here. Results follow OTP: the value, the
%% thrown term, or {badrpc, Reason} ({'EXIT', R} for an exit or error, nodedown, timeout).
%%
%% async_call/4 and its yields, pmap/3 and parallel_eval/1 run each call in a process of
%% its own; abcast, sbcast and eval_everywhere send to or cast on each node.
%%
%% The `rex` server itself is ember_rex.
-module(rpc).

-export([call/4, call/5, cast/4, multicall/3, multicall/4, multicall/5, block_call/4,
         block_call/5, async_call/4, yield/1, nb_yield/1, nb_yield/2, pmap/3,
         parallel_eval/1, eval_everywhere/3, eval_everywhere/4, abcast/2, abcast/3,
         sbcast/2, sbcast/3]).

call(Node, M, F, A) -> call(Node, M, F, A, infinity).

call(Node, M, F, A, Timeout) when is_atom(Node), is_atom(M), is_atom(F), is_list(A) ->
    case Node =:= node() of
        true -> local_call(M, F, A, Timeout);
        false ->
            try gen_server:call({rex, Node}, {call, M, F, A, group_leader()}, Timeout) of
                Reply -> Reply
            catch
                exit:{timeout, _} -> {badrpc, timeout};
                exit:{{nodedown, _}, _} -> {badrpc, nodedown};
                exit:{noproc, _} -> {badrpc, nodedown};
                exit:Reason -> {badrpc, {'EXIT', Reason}}
            end
    end.

cast(Node, M, F, A) when is_atom(Node), is_atom(M), is_atom(F), is_list(A) ->
    case Node =:= node() of
        true -> spawn(fun() -> catch apply(M, F, A) end);
        false -> gen_server:cast({rex, Node}, {cast, M, F, A, group_leader()})
    end,
    true.

%% On this node and every node it is connected to.
multicall(M, F, A) -> multicall([node() | nodes()], M, F, A).

multicall(Nodes, M, F, A) when is_list(Nodes) -> multicall(Nodes, M, F, A, infinity);
multicall(M, F, A, Timeout) -> multicall([node() | nodes()], M, F, A, Timeout).

%% The nodes are called one after the other.
multicall(Nodes, M, F, A, Timeout) when is_list(Nodes) ->
    lists:foldr(fun(Node, {Good, Bad}) ->
                        case call(Node, M, F, A, Timeout) of
                            {badrpc, nodedown} -> {Good, [Node | Bad]};
                            Reply -> {[Reply | Good], Bad}
                        end
                end, {[], []}, Nodes).

local_call(M, F, A, Timeout) ->
    {Pid, Ref} = spawn_monitor(fun() -> exit({rpc_reply, ember_rex:execute(M, F, A)}) end),
    receive
        {'DOWN', Ref, process, Pid, {rpc_reply, Reply}} -> Reply;
        {'DOWN', Ref, process, Pid, Reason} -> {badrpc, {'EXIT', Reason}}
    after Timeout ->
            erlang:demonitor(Ref, [flush]),
            exit(Pid, kill),
            {badrpc, timeout}
    end.

%% There is no rex server to block here: the same as call.
block_call(Node, M, F, A) -> call(Node, M, F, A).

block_call(Node, M, F, A, Timeout) -> call(Node, M, F, A, Timeout).

%% The call is made by a process of its own, which keeps the answer until it is asked for
%% with yield/1 or nb_yield/1,2; the key names that process.
async_call(Node, M, F, A) ->
    Owner = self(),
    Pid = spawn(fun() ->
                        OwnerRef = erlang:monitor(process, Owner),
                        keep(call(Node, M, F, A), Owner, OwnerRef)
                end),
    {'$ember_rpc_key', Pid}.

%% Answers every yield (an nb_yield that gave up has its answer dropped with its alias),
%% until the owner ends.
keep(Reply, Owner, OwnerRef) ->
    receive
        {'$ember_rpc_yield', Owner, Alias} ->
            Alias ! {Alias, Reply},
            keep(Reply, Owner, OwnerRef);
        {'DOWN', OwnerRef, process, Owner, _} ->
            ok
    end.

yield(Key) ->
    {value, Reply} = nb_yield(Key, infinity),
    Reply.

nb_yield(Key) -> nb_yield(Key, 0).

nb_yield({'$ember_rpc_key', Pid}, Timeout) ->
    Ref = erlang:monitor(process, Pid, [{alias, demonitor}]),
    Pid ! {'$ember_rpc_yield', self(), Ref},
    receive
        {Ref, Reply} ->
            erlang:demonitor(Ref, [flush]),
            {value, Reply};
        {'DOWN', Ref, process, Pid, Reason} ->
            {value, {badrpc, {'EXIT', Reason}}}
    after Timeout ->
            erlang:demonitor(Ref, [flush]),
            timeout
    end.

%% M:F(X, Extra...) for every X of List, in parallel; the results in List's order.
pmap({M, F}, Extra, List) when is_list(Extra), is_list(List) ->
    [yield(K) || K <- [async_call(node(), M, F, [X | Extra]) || X <- List]].

parallel_eval(Calls) when is_list(Calls) ->
    [yield(K) || K <- [async_call(node(), M, F, A) || {M, F, A} <- Calls]].

eval_everywhere(M, F, A) -> eval_everywhere([node() | nodes()], M, F, A).

eval_everywhere(Nodes, M, F, A) ->
    lists:foreach(fun(Node) -> cast(Node, M, F, A) end, Nodes),
    abcast.

abcast(Name, Msg) -> abcast([node() | nodes()], Name, Msg).

abcast(Nodes, Name, Msg) when is_list(Nodes), is_atom(Name) ->
    lists:foreach(fun(Node) -> catch erlang:send({Name, Node}, Msg) end, Nodes),
    abcast.

sbcast(Name, Msg) -> sbcast([node() | nodes()], Name, Msg).

%% Sends to the process registered as Name on each node that has one: {Good, Bad}.
sbcast(Nodes, Name, Msg) when is_list(Nodes), is_atom(Name) ->
    lists:foldr(fun(Node, {Good, Bad}) ->
                        case call(Node, erlang, whereis, [Name]) of
                            Pid when is_pid(Pid) ->
                                Pid ! Msg,
                                {[Node | Good], Bad};
                            _ ->
                                {Good, [Node | Bad]}
                        end
                end, {[], []}, Nodes).
