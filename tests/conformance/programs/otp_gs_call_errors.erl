-module(otp_gs_call_errors).
-export([main/0]).
-export([init/1, handle_call/3, handle_cast/2, terminate/2]).

%% The exact exit reasons of gen_server:call/2,3 when the server is missing,
%% too slow, crashes, stops or returns something bad, caught with catch and
%% with try.

init(S) -> {ok, S}.

handle_call(get, _From, S) -> {reply, S, S};
handle_call({sleep, T}, _From, S) -> receive after T -> {reply, slept, S} end;
handle_call(crash, _From, _S) -> erlang:error(crashed_in_call);
handle_call(badarith, _From, S) -> {reply, 1 / S, S};
handle_call(exit, _From, _S) -> exit(exited_in_call);
handle_call(throw, _From, S) -> throw({reply, thrown_reply, S});
handle_call(stop, _From, S) -> {stop, stopped_by_call, S};
handle_call(stop_reply, _From, S) -> {stop, normal, goodbye, S};
handle_call(bad, _From, _S) -> bad_return;
handle_call(noreply, _From, S) -> {noreply, S}.

handle_cast(_, S) -> {noreply, S}.

terminate(Reason, _S) ->
    io:format("  terminate ~p~n", [short(Reason)]).

start() ->
    {ok, P} = gen_server:start(?MODULE, 0, []),
    P.

main() ->
    logger:set_primary_config(level, none),
    io:format("missing name, call/2: ~p~n", [catch gen_server:call(nobody, get)]),
    io:format("missing name, call/3: ~p~n", [catch gen_server:call(nobody, get, 100)]),
    io:format("missing {Name, node()}: ~p~n",
              [catch gen_server:call({nobody, node()}, get)]),
    Dead = spawn(fun() -> ok end),
    timer:sleep(10),
    io:format("dead pid: ~p~n", [strip_pid(catch gen_server:call(Dead, get), Dead)]),
    P = start(),
    io:format("timeout: ~p~n", [strip_pid(catch gen_server:call(P, {sleep, 200}, 20), P)]),
    io:format("server still alive: ~p~n", [is_process_alive(P)]),
    io:format("timeout 0: ~p~n", [strip_pid(catch gen_server:call(P, noreply, 0), P)]),
    io:format("throw reply: ~p~n", [gen_server:call(P, throw)]),
    io:format("crash: ~p~n", [short(catch gen_server:call(P, crash))]),
    P2 = start(),
    io:format("badarith: ~p~n", [short(catch gen_server:call(P2, badarith, infinity))]),
    P3 = start(),
    io:format("exit: ~p~n", [strip_pid(catch gen_server:call(P3, exit), P3)]),
    P4 = start(),
    io:format("stop: ~p~n", [strip_pid(catch gen_server:call(P4, stop), P4)]),
    P5 = start(),
    io:format("stop with reply: ~p~n", [gen_server:call(P5, stop_reply)]),
    timer:sleep(10),
    io:format("stopped server alive: ~p~n", [is_process_alive(P5)]),
    P6 = start(),
    io:format("bad return: ~p~n", [strip_pid(catch gen_server:call(P6, bad), P6)]),
    io:format("calling self: ~p~n", [strip_pid(catch gen_server:call(self(), get), self())]),
    %% The same reasons through try.
    P7 = start(),
    R = try gen_server:call(P7, {sleep, 100}, 10)
        catch exit:{timeout, {gen_server, call, [_, Req, T]}} -> {caught_timeout, Req, T}
        end,
    io:format("try: ~p~n", [R]),
    io:format("stop missing server: ~p~n", [catch gen_server:stop(nobody)]),
    io:format("stop dead pid: ~p~n", [catch gen_server:stop(Dead)]),
    io:format("stop with reason: ~p~n", [gen_server:stop(P7, {shutdown, done}, 1000)]),
    P8 = start(),
    io:format("stop with a short timeout: ~p~n", [stop_busy(P8)]),
    ok.

stop_busy(P) ->
    gen_server:cast(P, anything),
    spawn(fun() -> catch gen_server:call(P, {sleep, 300}, infinity) end),
    timer:sleep(20),
    catch gen_server:stop(P, normal, 20).

strip_pid({'EXIT', {Reason, {M, F, [Pid | Rest]}}}, Pid) -> {'EXIT', {short(Reason), {M, F, [pid | Rest]}}};
strip_pid(Other, _) -> Other.

short({'EXIT', {{Reason, Stack}, Call}}) when is_list(Stack) -> {'EXIT', {{Reason, stacktrace}, strip(Call)}};
short({Reason, Stack}) when is_list(Stack), Stack =/= [] -> {Reason, stacktrace};
short(Other) -> Other.

strip({M, F, [P | Rest]}) when is_pid(P) -> {M, F, [pid | Rest]};
strip(X) -> X.
