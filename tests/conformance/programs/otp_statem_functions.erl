-module(otp_statem_functions).
-export([main/0]).
-export([init/1, callback_mode/0, locked/3, open/3]).

%% gen_statem with state_functions: a code lock. Calls, casts and infos, replies
%% as actions and with gen_statem:reply/2, keep_state and next_state.

init(Code) ->
    {ok, locked, #{code => Code, input => [], opened => 0}}.

callback_mode() -> state_functions.

locked(cast, {button, Digit}, Data = #{code := Code, input := Input}) ->
    case Input ++ [Digit] of
        Code ->
            {next_state, open, Data#{input := [], opened := maps:get(opened, Data) + 1}};
        NewInput when length(NewInput) < length(Code) ->
            {keep_state, Data#{input := NewInput}};
        _Wrong ->
            {keep_state, Data#{input := []}}
    end;
locked({call, From}, state, Data) ->
    {keep_state_and_data, [{reply, From, {locked, maps:get(input, Data)}}]};
locked({call, From}, open_count, #{opened := N}) ->
    gen_statem:reply(From, N),
    keep_state_and_data;
locked(info, {peek, Pid}, _Data) ->
    Pid ! {state_is, locked},
    keep_state_and_data;
locked(EventType, Event, _Data) ->
    {keep_state_and_data, [{reply, from(EventType), {ignored, locked, Event}} || is_call(EventType)]}.

open({call, From}, state, _Data) ->
    {keep_state_and_data, {reply, From, open}};
open({call, From}, lock, Data) ->
    {next_state, locked, Data, [{reply, From, locked_again}]};
open(cast, {button, _}, _Data) ->
    keep_state_and_data;
open({call, From}, open_count, #{opened := N}) ->
    {keep_state_and_data, [{reply, From, N}]};
open(info, {peek, Pid}, _Data) ->
    Pid ! {state_is, open},
    keep_state_and_data;
open({call, From}, Other, _Data) ->
    {keep_state_and_data, [{reply, From, {ignored, open, Other}}]}.

is_call({call, _}) -> true;
is_call(_) -> false.

from({call, From}) -> From.

main() ->
    {ok, Pid} = gen_statem:start_link({local, lock}, ?MODULE, [1, 2, 3], []),
    io:format("started: ~p~n", [is_pid(Pid)]),
    io:format("state: ~p~n", [gen_statem:call(lock, state)]),
    press([1, 2]),
    io:format("after 1 2: ~p~n", [gen_statem:call(lock, state)]),
    press([9]),
    io:format("after a wrong digit: ~p~n", [gen_statem:call(lock, state)]),
    press([1, 2, 3]),
    io:format("after 1 2 3: ~p~n", [gen_statem:call(lock, state)]),
    lock ! {peek, self()},
    receive {state_is, S} -> io:format("peek: ~p~n", [S]) end,
    io:format("unknown call when open: ~p~n", [gen_statem:call(lock, what)]),
    io:format("lock: ~p~n", [gen_statem:call(lock, lock)]),
    io:format("unknown call when locked: ~p~n", [gen_statem:call(lock, what, 1000)]),
    press([1, 2, 3]),
    io:format("open count: ~p~n", [gen_statem:call(lock, open_count)]),
    gen_statem:call(lock, lock),
    io:format("open count when locked: ~p~n", [gen_statem:call(lock, open_count)]),
    gen_statem:cast(lock, something_else),
    lock ! {peek, self()},
    receive {state_is, S2} -> io:format("peek: ~p~n", [S2]) end,
    io:format("get_state: ~p~n", [sys:get_state(lock)]),
    io:format("stop: ~p~n", [gen_statem:stop(lock)]),
    io:format("whereis: ~p~n", [whereis(lock)]),
    ok.

press(Digits) ->
    [gen_statem:cast(lock, {button, D}) || D <- Digits].
