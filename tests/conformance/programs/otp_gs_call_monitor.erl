-module(otp_gs_call_monitor).
-export([main/0]).
-export([init/1, handle_call/3, handle_cast/2]).

%% A gen_server:call monitors the server for as long as the call lasts, and no longer:
%% after a reply from the server, a reply from a helper the server hands From to, a reply
%% sent to the caller's pid instead of its alias, a reply followed at once by the server's
%% end, a timeout, and the server's death in the middle of a call, neither side keeps the
%% monitor, and no 'DOWN' or later reply (from the server, or from the caller itself) is
%% left in the caller's mailbox. A server that a kill has reached before the call finds it
%% ended.

init(S) -> {ok, S}.

handle_call(ping, _From, S) -> {reply, pong, S};
handle_call(remember, From, _S) -> {reply, remembered, {caller, From}};
handle_call(give_from, From, S) -> {reply, From, S};
handle_call(plain, {Pid, Tag}, S) ->
    Pid ! {Tag, plain_reply},
    {noreply, S};
handle_call(plain_then_stop, {Pid, Tag}, S) ->
    Pid ! {Tag, plain_bye},
    {stop, normal, S};
handle_call(by_helper, From, S) ->
    spawn(fun() -> gen_server:reply(From, helped) end),
    {noreply, S};
handle_call(hold, From, _S) -> {noreply, From};
handle_call(release, _From, Held) ->
    gen_server:reply(Held, released),
    {reply, done, none};
handle_call({sleep, Ms}, _From, S) ->
    receive after Ms -> ok end,
    {reply, slept, S};
handle_call(reply_and_stop, _From, S) -> {stop, normal, bye, S};
handle_call(die, _From, S) -> {stop, normal, S}.

handle_cast(again, {caller, From}) ->
    gen_server:reply(From, again),
    {noreply, none};
handle_cast(_, S) -> {noreply, S}.

main() ->
    {ok, S} = gen_server:start(?MODULE, none, []),
    show("reply", gen_server:call(S, ping), S),
    show("reply from a helper", gen_server:call(S, by_helper), S),
    %% A second reply to a call already answered is dropped.
    Remembered = gen_server:call(S, remember),
    gen_server:cast(S, again),
    show("a reply after the reply", {Remembered, gen_server:call(S, ping)}, S),
    %% The caller replying to its own call's From after the call: dropped.
    OwnFrom = gen_server:call(S, give_from),
    gen_server:reply(OwnFrom, to_myself),
    show("own From answered later", ok, S),
    %% A reply sent to the caller's pid instead of its alias.
    show("reply to the pid", gen_server:call(S, plain), S),
    Self = self(),
    Holder = spawn(fun() -> Self ! {held, gen_server:call(S, hold)} end),
    wait_held(S),
    Released = gen_server:call(S, release),
    Held = receive {held, H} -> H end,
    show("held call released", {Released, Held}, S),
    io:format("held caller alive: ~p~n", [is_process_alive(Holder)]),
    show("timeout", catch_exit(fun() -> gen_server:call(S, {sleep, 300}, 50) end), S),
    %% The late reply to the timed-out call is dropped.
    receive after 400 -> ok end,
    show("after the late reply", gen_server:call(S, ping), S),
    show("reply, then the end", gen_server:call(S, reply_and_stop), none),
    %% (The 'DOWN' of the ended server never reaches the caller.)
    receive after 100 -> ok end,
    io:format("mailbox: ~p~n", [flush()]),
    {ok, S5} = gen_server:start(?MODULE, none, []),
    show("reply to the pid, then the end", gen_server:call(S5, plain_then_stop), none),
    receive after 100 -> ok end,
    io:format("mailbox: ~p~n", [flush()]),
    {ok, S2} = gen_server:start(?MODULE, none, []),
    show("the server ends without a reply", catch_exit(fun() -> gen_server:call(S2, die) end), none),
    {ok, S3} = gen_server:start(?MODULE, none, []),
    exit(S3, kill),
    show("killed before the call", catch_exit(fun() -> gen_server:call(S3, ping) end), none),
    {ok, S4} = gen_server:start(?MODULE, none, []),
    exit(S4, shutdown),
    show("shut down before the call", catch_exit(fun() -> gen_server:call(S4, ping) end), none),
    Dead = spawn(fun() -> ok end),
    receive after 50 -> ok end,
    show("no such process", catch_exit(fun() -> gen_server:call(Dead, ping) end), none).

%% The call's result, what monitors are left on either side, and the caller's mailbox.
show(What, Result, Server) ->
    {monitors, Mine} = process_info(self(), monitors),
    Theirs = case Server of
                 none -> none;
                 _ -> element(2, process_info(Server, monitored_by))
             end,
    io:format("~s: ~p; monitors ~p; monitored_by ~p; mailbox ~p~n",
              [What, Result, Mine, Theirs, flush()]).

%% An exit's reason, without the call's arguments (they hold pids).
catch_exit(F) ->
    try F() of
        V -> {returned, V}
    catch
        exit:{Reason, {gen_server, call, _}} -> {exit, Reason}
    end.

wait_held(S) ->
    case sys:get_state(S) of
        none -> receive after 5 -> wait_held(S) end;
        _ -> ok
    end.

flush() ->
    receive M -> [M | flush()] after 0 -> [] end.
