%% 100,000 gen_server:call round trips from a client whose mailbox holds 10,000 messages
%% it is not waiting for: a call's receive must not look through them each time.
-module(gs_call_backlog).
-behaviour(gen_server).
-export([main/0, init/1, handle_call/3, handle_cast/2]).

main() ->
    {ok, S} = gen_server:start_link(?MODULE, 0, []),
    [self() ! {unrelated, I} || I <- lists:seq(1, 10000)],
    ember_bench:run(fun() -> loop(S, 100000) end).

loop(S, 0) -> {gen_server:call(S, get), message_queue_len()};
loop(S, N) -> gen_server:call(S, {add, 1}), loop(S, N - 1).

message_queue_len() ->
    {message_queue_len, L} = process_info(self(), message_queue_len),
    L.

init(N) -> {ok, N}.
handle_call({add, K}, _From, N) -> {reply, ok, N + K};
handle_call(get, _From, N) -> {reply, N, N}.
handle_cast(_, N) -> {noreply, N}.
