%% One million gen_server:call round trips from 100 concurrent clients (10,000 each).
-module(gs_call_100).
-behaviour(gen_server).
-export([main/0, init/1, handle_call/3, handle_cast/2]).

main() ->
    {ok, S} = gen_server:start_link(?MODULE, 0, []),
    ember_bench:run(fun() -> run(S, 100, 10000) end).

run(S, Clients, Each) ->
    Self = self(),
    [spawn_link(fun() -> loop(S, Each), Self ! done end) || _ <- lists:seq(1, Clients)],
    [receive done -> ok end || _ <- lists:seq(1, Clients)],
    gen_server:call(S, get).

loop(_, 0) -> ok;
loop(S, N) -> gen_server:call(S, {add, 1}), loop(S, N - 1).

init(N) -> {ok, N}.
handle_call({add, K}, _From, N) -> {reply, ok, N + K};
handle_call(get, _From, N) -> {reply, N, N}.
handle_cast(_, N) -> {noreply, N}.
