%% rpc on this node: multicall/3,4, block_call, async_call with yield and nb_yield, pmap,
%% parallel_eval, abcast, sbcast, eval_everywhere, and the errors a call reports.
-module(lib_rpc_local).
-export([main/0, slow/1, fail/1]).
p(L, X) -> io:format("~s: ~p~n", [L, try X() catch C:R -> {C, R} end]).
slow(X) -> timer:sleep(50), X * 2.
fail(X) -> erlang:error({failed, X}).
main() ->
    p("multicall/3", fun() -> rpc:multicall(lists, reverse, [[1, 2]]) end),
    p("multicall/4 timeout", fun() -> rpc:multicall(erlang, node, [], 1000) end),
    p("multicall nodes", fun() -> rpc:multicall([node()], lists, sum, [[1, 2, 3]]) end),
    p("block_call", fun() -> rpc:block_call(node(), lists, max, [[3, 1, 2]]) end),
    p("call error", fun() -> rpc:call(node(), ?MODULE, fail, [now]) end),
    p("call exit", fun() -> rpc:call(node(), erlang, exit, [bye]) end),
    p("call throw", fun() -> rpc:call(node(), erlang, throw, [ball]) end),
    p("block_call/5", fun() -> rpc:block_call(node(), lists, min, [[3, 1, 2]], 1000) end),
    K = rpc:async_call(node(), ?MODULE, slow, [21]),
    p("nb_yield early", fun() -> rpc:nb_yield(K) end),
    p("yield", fun() -> rpc:yield(K) end),
    K2 = rpc:async_call(node(), ?MODULE, fail, [oops]),
    p("yield error", fun() -> rpc:yield(K2) end),
    K3 = rpc:async_call(node(), lists, seq, [1, 3]),
    p("nb_yield/2", fun() -> rpc:nb_yield(K3, 1000) end),
    p("pmap", fun() -> rpc:pmap({?MODULE, slow}, [], [1, 2, 3, 4]) end),
    p("pmap extra", fun() -> rpc:pmap({lists, duplicate}, [x], [1, 2]) end),
    p("parallel_eval", fun() -> rpc:parallel_eval([{lists, reverse, [[1, 2]]}, {erlang, abs, [-3]}]) end),
    register(me, self()),
    p("abcast", fun() -> rpc:abcast(me, hello) end),
    p("got", fun() -> receive M -> M after 1000 -> none end end),
    p("sbcast", fun() -> rpc:sbcast(me, again) end),
    p("got", fun() -> receive M -> M after 1000 -> none end end),
    p("sbcast nobody", fun() -> rpc:sbcast(nobody_here, x) end),
    p("eval_everywhere", fun() -> rpc:eval_everywhere(erlang, send, [me, everywhere]) end),
    p("got", fun() -> receive M -> M after 1000 -> none end end).
