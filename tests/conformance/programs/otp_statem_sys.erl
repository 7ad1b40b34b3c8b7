-module(otp_statem_sys).
-export([main/0]).
-export([init/1, callback_mode/0, off/3, on/3, code_change/4]).

%% sys on a gen_statem: get_state and replace_state with {State, Data},
%% suspend/resume, change_code, and the trace lines for casts and infos.

init(N) -> {ok, off, N}.

callback_mode() -> [state_functions, state_enter].

off(enter, _Old, _N) -> keep_state_and_data;
off(cast, flip, N) -> {next_state, on, N + 1, [{state_timeout, 1000, too_long}]};
off(cast, later, _N) -> {keep_state_and_data, [postpone]};
off(info, Msg, N) -> {keep_state, [Msg | wrap(N)]};
off({call, From}, get, N) -> {keep_state_and_data, [{reply, From, {off, N}}]}.

on(enter, off, _N) -> keep_state_and_data;
on(cast, flip, N) -> {next_state, off, N + 1};
on(cast, later, N) -> {keep_state, N + 1000, [{next_event, internal, extra}]};
on(internal, extra, N) -> {keep_state, N + 1};
on({call, From}, get, N) -> {keep_state_and_data, [{reply, From, {on, N}}]}.

wrap(L) when is_list(L) -> L;
wrap(N) -> [N].

code_change(OldVsn, State, Data, Extra) ->
    io:format("code_change ~p ~p ~p ~p~n", [OldVsn, State, Data, Extra]),
    {ok, State, Data + 1000}.

main() ->
    logger:set_primary_config(level, none),
    {ok, _} = gen_statem:start_link({local, sw}, ?MODULE, 0, []),
    io:format("get_state: ~p~n", [sys:get_state(sw)]),
    io:format("replace_state: ~p~n", [sys:replace_state(sw, fun({off, N}) -> {off, N + 10} end)]),
    io:format("call: ~p~n", [gen_statem:call(sw, get)]),
    io:format("suspend: ~p~n", [sys:suspend(sw)]),
    gen_statem:cast(sw, flip),
    io:format("while suspended: ~p~n", [sys:get_state(sw)]),
    io:format("change_code: ~p~n", [sys:change_code(sw, ?MODULE, old, extra)]),
    io:format("resume: ~p~n", [sys:resume(sw)]),
    io:format("after resume: ~p~n", [sys:get_state(sw)]),
    io:format("replace back: ~p~n", [sys:replace_state(sw, fun({_, N}) -> {off, N - 1000} end)]),
    io:format("trace: ~p~n", [sys:trace(sw, true)]),
    gen_statem:cast(sw, later),
    gen_statem:cast(sw, flip),
    gen_statem:cast(sw, flip),
    sw ! ping,
    _ = sys:get_state(sw),
    io:format("trace off: ~p~n", [sys:trace(sw, false)]),
    io:format("state: ~p~n", [sys:get_state(sw)]),
    {status, _, {module, Mod}, [_, SysState, _, _, Misc]} = sys:get_status(sw),
    io:format("status: ~p ~p ~p~n", [Mod, SysState, hd(Misc)]),
    io:format("stop: ~p~n", [gen_statem:stop(sw)]),
    ok.
