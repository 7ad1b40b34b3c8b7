-module(otp_gs_sys).
-export([main/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, handle_continue/2,
         code_change/3]).

%% sys on a gen_server: get_state, replace_state, suspend/resume, get_status,
%% change_code, trace output, the event log, and the exit reasons of sys calls.

init(N) -> {ok, N}.

handle_call(get, _From, N) -> {reply, N, N}.

handle_cast(inc, N) -> {noreply, N + 1};
handle_cast(more, N) -> {noreply, N, {continue, more}}.

handle_info(_Msg, N) -> {noreply, N}.

handle_continue(more, N) -> {noreply, N * 10}.

code_change(OldVsn, N, Extra) ->
    io:format("code_change ~p ~p ~p~n", [OldVsn, N, Extra]),
    {ok, {upgraded, N}}.

main() ->
    logger:set_primary_config(level, none),
    {ok, P} = gen_server:start_link({local, sysgs}, ?MODULE, 1, []),
    io:format("get_state: ~p~n", [sys:get_state(sysgs)]),
    io:format("get_state/2: ~p~n", [sys:get_state(P, 1000)]),
    io:format("replace_state: ~p~n", [sys:replace_state(sysgs, fun(N) -> N + 41 end)]),
    io:format("call after replace: ~p~n", [gen_server:call(sysgs, get)]),
    io:format("replace_state crash: ~p~n",
              [catch_error(fun() -> sys:replace_state(sysgs, fun(_) -> erlang:error(oops) end) end)]),
    io:format("state kept: ~p~n", [sys:get_state(sysgs)]),
    %% While suspended, only system messages are handled.
    io:format("suspend: ~p~n", [sys:suspend(sysgs)]),
    gen_server:cast(sysgs, inc),
    io:format("state while suspended: ~p~n", [sys:get_state(sysgs)]),
    io:format("change_code: ~p~n", [sys:change_code(sysgs, ?MODULE, "0.1", extra)]),
    io:format("state after change_code: ~p~n", [sys:get_state(sysgs)]),
    io:format("replace while suspended: ~p~n", [sys:replace_state(sysgs, fun({upgraded, N}) -> N end)]),
    io:format("resume: ~p~n", [sys:resume(sysgs)]),
    io:format("state after resume: ~p~n", [gen_server:call(sysgs, get)]),
    io:format("change_code while running: ~p~n", [sys:change_code(sysgs, ?MODULE, "0.2", x)]),
    %% get_status, with the pids left out.
    {status, SP, {module, Mod}, [_PDict, SysState, Parent, Debug, Misc]} = sys:get_status(sysgs),
    io:format("status: ~p ~p ~p ~p ~p~n", [SP =:= P, Mod, SysState, Parent =:= self(), Debug]),
    [{header, Header}, {data, Data1}, {data, Data2}] = Misc,
    io:format("header: ~p~n", [Header]),
    io:format("data: ~p~n", [[K || {K, _} <- Data1]]),
    io:format("status of the server: ~p~n", [lists:keyfind("Status", 1, Data1)]),
    io:format("state data: ~p~n", [Data2]),
    %% Trace and log.
    io:format("trace: ~p~n", [sys:trace(sysgs, true)]),
    gen_server:cast(sysgs, inc),
    sysgs ! hello,
    gen_server:cast(sysgs, more),
    _ = sys:get_state(sysgs),
    io:format("trace off: ~p~n", [sys:trace(sysgs, false)]),
    io:format("log: ~p~n", [sys:log(sysgs, true)]),
    gen_server:cast(sysgs, inc),
    sysgs ! {info, 1},
    io:format("log get: ~p~n", [sys:log(sysgs, get)]),
    {status, _, _, [_, _, _, Debug2, _]} = sys:get_status(sysgs),
    io:format("debug with log: ~p~n", [[element(1, D) || D <- Debug2]]),
    io:format("log false: ~p~n", [sys:log(sysgs, false)]),
    io:format("statistics: ~p~n", [sys:statistics(sysgs, true)]),
    gen_server:cast(sysgs, inc),
    {ok, Stats} = sys:statistics(sysgs, get),
    io:format("statistics keys: ~p~n", [[K || {K, _} <- Stats]]),
    io:format("messages in: ~p~n", [lists:keyfind(messages_in, 1, Stats)]),
    io:format("no_debug: ~p~n", [sys:no_debug(sysgs)]),
    io:format("statistics off: ~p~n", [sys:statistics(sysgs, get)]),
    %% Errors.
    io:format("missing: ~p~n", [catch sys:get_state(nobody)]),
    io:format("missing, timeout: ~p~n", [catch sys:get_state(nobody, 100)]),
    io:format("missing suspend: ~p~n", [catch sys:suspend(nobody)]),
    io:format("missing trace: ~p~n", [catch sys:trace(nobody, true)]),
    io:format("terminate: ~p~n", [sys:terminate(sysgs, normal)]),
    timer:sleep(10),
    io:format("whereis: ~p~n", [whereis(sysgs)]),
    ok.

catch_error(F) ->
    try F() catch error:R -> {error, R} end.
