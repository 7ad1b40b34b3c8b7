%% One million gen_server:call round trips from one client.
-module(gs_call).
-behaviour(gen_server).
-export([main/0, init/1, handle_call/3, handle_cast/2]).

main() ->
    {ok, S} = gen_server:start_link(?MODULE, 0, []),
    ember_bench:run(fun() -> loop(S, 1000000) end).

loop(S, 0) -> gen_server:call(S, get);
loop(S, N) -> gen_server:call(S, {add, 1}), loop(S, N - 1).

init(N) -> {ok, N}.
handle_call({add, K}, _From, N) -> {reply, ok, N + K};
handle_call(get, _From, N) -> {reply, N, N}.
handle_cast(_, N) -> {noreply, N}.
