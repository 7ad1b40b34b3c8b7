%% rpc: calls on other nodes, after OTP's rpc module.
%%
%% call/4,5 and cast/4 go through the `rex` server of the target node (every erl node has
%% one, and so does a distributed ember node): the server runs the function in a new
%% process whose group leader is the caller's, so its output appears where the call was
%% made. A call on this node runs in a new process here. Results follow OTP: the value, the
%% thrown term, or {badrpc, Reason} ({'EXIT', R} for an exit or error, nodedown, timeout).
%%
%% The `rex` server itself is ember_rex.
-module(rpc).

-export([call/4, call/5, cast/4, multicall/4, multicall/5]).

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

multicall(Nodes, M, F, A) -> multicall(Nodes, M, F, A, infinity).

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
