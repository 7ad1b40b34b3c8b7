-module(otp_event_basic).
-export([main/0]).
-export([init/1, handle_event/2, handle_call/2, handle_info/2, terminate/2]).

%% gen_event: handlers added and deleted, notify and sync_notify (handlers run
%% newest first), calls to one handler, which_handlers, handler results and
%% failures, stop.

init({fail, Reply}) -> Reply;
init(crash) -> erlang:error(init_crash);
init(Name) -> {ok, {Name, 0}}.

handle_event(remove_me, {Name, _} = S) when Name =:= b -> remove_handler_for(S);
handle_event(crash, {c, _}) -> erlang:error(handler_crash);
handle_event(bad, {c, _}) -> bad_result;
handle_event(Event, {Name, N}) ->
    io:format("  ~p got ~p~n", [Name, Event]),
    {ok, {Name, N + 1}}.

remove_handler_for(_) -> remove_handler.

handle_call(count, {Name, N}) -> {ok, {Name, N}, {Name, N}};
handle_call(remove, {Name, N}) -> {remove_handler, {removed, Name, N}};
handle_call(crash, _) -> erlang:error(call_crash);
handle_call(bad, _) -> bad_call_result.

handle_info(Info, {Name, N}) ->
    io:format("  ~p info ~p~n", [Name, Info]),
    {ok, {Name, N}}.

terminate(Arg, {Name, N}) ->
    io:format("  terminate ~p: ~p after ~p events~n", [Name, strip(Arg), N]),
    {terminated, Name}.

main() ->
    logger:set_primary_config(level, none),
    {ok, M} = gen_event:start({local, events}),
    io:format("started again: ~p~n", [element(1, element(2, gen_event:start({local, events})))]),
    io:format("add a: ~p~n", [gen_event:add_handler(events, ?MODULE, a)]),
    io:format("add b: ~p~n", [gen_event:add_handler(events, {?MODULE, b}, b)]),
    io:format("add c: ~p~n", [gen_event:add_handler(events, {?MODULE, c}, c)]),
    io:format("add failing: ~p~n", [gen_event:add_handler(events, {?MODULE, f}, {fail, {error, no}})]),
    io:format("add odd: ~p~n", [gen_event:add_handler(events, {?MODULE, o}, {fail, odd})]),
    {'EXIT', {init_crash, _}} = gen_event:add_handler(events, {?MODULE, x}, crash),
    io:format("add crashing: {'EXIT', {init_crash, _}}~n"),
    io:format("handlers: ~p~n", [gen_event:which_handlers(events)]),
    Notify = gen_event:notify(events, hello),
    SyncNotify = gen_event:sync_notify(events, world),
    io:format("notify: ~p, sync_notify: ~p~n", [Notify, SyncNotify]),
    events ! some_info,
    io:format("count a: ~p~n", [gen_event:call(events, ?MODULE, count)]),
    io:format("count b: ~p~n", [gen_event:call(events, {?MODULE, b}, count, 1000)]),
    io:format("count missing: ~p~n", [gen_event:call(events, {?MODULE, z}, count)]),
    io:format("remove b by event: ~p~n", [gen_event:sync_notify(events, remove_me)]),
    io:format("handlers: ~p~n", [gen_event:which_handlers(events)]),
    io:format("bad result: ~p~n", [gen_event:sync_notify(events, bad)]),
    io:format("handlers: ~p~n", [gen_event:which_handlers(events)]),
    ok = gen_event:add_handler(events, {?MODULE, c}, c),
    io:format("crash: ~p~n", [gen_event:sync_notify(events, crash)]),
    io:format("handlers: ~p~n", [gen_event:which_handlers(events)]),
    ok = gen_event:add_handler(events, {?MODULE, d}, d),
    ok = gen_event:add_handler(events, {?MODULE, e}, e),
    io:format("call remove: ~p~n", [gen_event:call(events, {?MODULE, d}, remove)]),
    {error, {'EXIT', {call_crash, _}}} = gen_event:call(events, {?MODULE, e}, crash),
    io:format("call crash: {error, {'EXIT', {call_crash, _}}}~n"),
    ok = gen_event:add_handler(events, {?MODULE, e}, e),
    io:format("call bad: ~p~n", [gen_event:call(events, {?MODULE, e}, bad)]),
    io:format("handlers: ~p~n", [gen_event:which_handlers(events)]),
    io:format("delete a: ~p~n", [gen_event:delete_handler(events, ?MODULE, bye)]),
    io:format("delete a again: ~p~n", [gen_event:delete_handler(events, ?MODULE, bye)]),
    ok = gen_event:add_handler(events, {?MODULE, g}, g),
    ok = gen_event:add_handler(events, {?MODULE, h}, h),
    io:format("get_state: ~p~n", [sys:get_state(events)]),
    io:format("stop: ~p~n", [gen_event:stop(events)]),
    io:format("alive: ~p~n", [is_process_alive(M)]),
    io:format("call stopped: ~p~n", [catch gen_event:call(events, {?MODULE, g}, count)]),
    io:format("sync_notify stopped: ~p~n", [catch gen_event:sync_notify(events, x)]),
    io:format("which_handlers stopped: ~p~n", [catch gen_event:which_handlers(events)]),
    io:format("stop stopped: ~p~n", [catch gen_event:stop(events)]),
    ok.

strip({error, {'EXIT', {Reason, Stack}}}) when is_list(Stack) -> {error, {'EXIT', {Reason, stacktrace}}};
strip(X) -> X.
