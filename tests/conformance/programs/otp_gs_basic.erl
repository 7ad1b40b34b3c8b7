-module(otp_gs_basic).
-export([main/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2]).

%% gen_server basics: starting with and without a name, call, cast, info,
%% a delayed reply with gen_server:reply/2, registered names, stop.

init(Start) ->
    {ok, #{count => Start, log => [], waiting => []}}.

handle_call(get, _From, S = #{count := N}) ->
    {reply, N, S};
handle_call({add, K}, _From, S = #{count := N}) ->
    {reply, {ok, N + K}, S#{count := N + K}};
handle_call(log, _From, S = #{log := Log}) ->
    {reply, lists:reverse(Log), S};
handle_call(wait, From, S = #{waiting := W}) ->
    %% Answer later, from handle_cast(release, ...).
    {noreply, S#{waiting := [From | W]}};
handle_call(whoami, {Pid, _Tag}, S) ->
    {reply, Pid =:= whereis(caller_name), S};
handle_call(Other, _From, S) ->
    {reply, {unknown, Other}, S}.

handle_cast({add, K}, S = #{count := N}) ->
    {noreply, S#{count := N + K}};
handle_cast(release, S = #{waiting := W}) ->
    [gen_server:reply(From, released) || From <- lists:reverse(W)],
    {noreply, S#{waiting := []}};
handle_cast(Msg, S = #{log := Log}) ->
    {noreply, S#{log := [{cast, Msg} | Log]}}.

handle_info(Msg, S = #{log := Log}) ->
    {noreply, S#{log := [{info, Msg} | Log]}}.

terminate(Reason, #{count := N}) ->
    io:format("terminate: ~p with count ~p~n", [Reason, N]).

main() ->
    {ok, P} = gen_server:start_link(?MODULE, 10, []),
    io:format("pid: ~p~n", [is_pid(P)]),
    io:format("get: ~p~n", [gen_server:call(P, get)]),
    io:format("add: ~p~n", [gen_server:call(P, {add, 5})]),
    io:format("add with timeout: ~p~n", [gen_server:call(P, {add, 1}, 1000)]),
    io:format("cast: ~p~n", [gen_server:cast(P, {add, 100})]),
    io:format("after cast: ~p~n", [gen_server:call(P, get)]),
    gen_server:cast(P, hello),
    P ! {plain, message},
    P ! 42,
    io:format("log: ~p~n", [gen_server:call(P, log)]),
    io:format("unknown: ~p~n", [gen_server:call(P, what)]),
    %% Delayed replies.
    Top = self(),
    Waiters = [spawn(fun() -> Top ! {self(), gen_server:call(P, wait)} end) || _ <- [1, 2, 3]],
    wait_queue(P, 3),
    gen_server:cast(P, release),
    [receive {W, R} -> io:format("waiter got: ~p~n", [R]) end || W <- Waiters],
    io:format("stop: ~p~n", [gen_server:stop(P)]),
    io:format("alive after stop: ~p~n", [is_process_alive(P)]),
    %% A registered server.
    {ok, N} = gen_server:start({local, counter}, ?MODULE, 0, []),
    io:format("whereis: ~p~n", [whereis(counter) =:= N]),
    io:format("call by name: ~p~n", [gen_server:call(counter, {add, 7})]),
    io:format("call by {Name, node()}: ~p~n", [gen_server:call({counter, node()}, get)]),
    gen_server:cast({counter, node()}, {add, 1}),
    gen_server:cast(counter, {add, 1}),
    io:format("after casts by name: ~p~n", [gen_server:call(counter, get)]),
    register(caller_name, self()),
    io:format("from is the caller: ~p~n", [gen_server:call(counter, whoami)]),
    io:format("second start: ~p~n", [already(gen_server:start({local, counter}, ?MODULE, 0, []), N)]),
    io:format("cast to a missing name: ~p~n", [gen_server:cast(no_such_server, x)]),
    io:format("stop by name: ~p~n", [gen_server:stop(counter, normal, infinity)]),
    io:format("whereis after stop: ~p~n", [whereis(counter)]),
    ok.

wait_queue(P, N) ->
    case sys:get_state(P) of
        #{waiting := W} when length(W) =:= N -> ok;
        _ -> timer:sleep(5), wait_queue(P, N)
    end.

already({error, {already_started, Pid}}, Pid) -> already_started_with_the_pid;
already(Other, _) -> Other.
