-module(otp_gs_busy_schedulers).
-export([main/0]).
-export([init/1, handle_call/3, handle_cast/2]).

%% gen_server calls from many clients complete while every scheduler also runs a process
%% that never waits (a woken server or client is not left behind a busy one).

init(N) -> {ok, N}.
handle_call(add, _From, N) -> {reply, ok, N + 1};
handle_call(get, _From, N) -> {reply, N, N}.
handle_cast(_, N) -> {noreply, N}.

spin(N) -> spin(N + 1).

main() ->
    Hogs = [spawn(fun() -> spin(0) end) || _ <- lists:seq(1, erlang:system_info(schedulers))],
    {ok, S} = gen_server:start(?MODULE, 0, []),
    Self = self(),
    Clients = 20,
    Calls = 200,
    [spawn(fun() -> [ok = gen_server:call(S, add) || _ <- lists:seq(1, Calls)], Self ! done end)
     || _ <- lists:seq(1, Clients)],
    Done = wait(Clients, 0),
    io:format("clients done: ~p of ~p~n", [Done, Clients]),
    io:format("calls counted: ~p~n", [gen_server:call(S, get)]),
    [exit(H, kill) || H <- Hogs],
    ok.

wait(0, Done) -> Done;
wait(N, Done) ->
    receive done -> wait(N - 1, Done + 1)
    after 20000 -> Done
    end.
