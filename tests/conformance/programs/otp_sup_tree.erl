-module(otp_sup_tree).
-export([main/0]).
-export([init/1, handle_call/3, handle_cast/2, terminate/2]).

%% A supervision tree of real behaviours: a top supervisor with a registered
%% gen_server and a nested supervisor of workers. A crashed server comes back
%% with fresh state under the same name; stopping the tree runs terminate/2
%% in the right order.

init(top) ->
    {ok, {#{strategy => one_for_one, intensity => 5, period => 10},
          [#{id => counter, start => {gen_server, start_link, [{local, counter}, ?MODULE, {counter, 0}, []]}},
           #{id => pool, type => supervisor,
             start => {supervisor, start_link, [{local, pool}, ?MODULE, pool]}}]}};
init(pool) ->
    {ok, {#{strategy => one_for_all},
          [#{id => {worker, N}, start => {gen_server, start_link, [?MODULE, {worker, N}, []]},
             shutdown => 1000}
           || N <- [1, 2, 3]]}};
init({counter, N}) ->
    process_flag(trap_exit, true),
    io:format("counter starts at ~p~n", [N]),
    {ok, {counter, N}};
init({worker, N}) ->
    process_flag(trap_exit, true),
    io:format("worker ~p starts~n", [N]),
    {ok, {worker, N}}.

handle_call(get, _From, {counter, N} = S) -> {reply, N, S};
handle_call(inc, _From, {counter, N}) -> {reply, N + 1, {counter, N + 1}};
handle_call(crash, _From, _S) -> erlang:error(crash_requested);
handle_call(id, _From, {worker, N} = S) -> {reply, N, S}.

handle_cast(crash, _S) -> exit(cast_crash).

terminate(Reason, {Kind, N}) ->
    io:format("~p ~p terminates: ~p~n", [Kind, N, short(Reason)]).

short({Reason, Stack}) when is_list(Stack) -> Reason;
short(R) -> R.

main() ->
    logger:set_primary_config(level, none),
    process_flag(trap_exit, true),
    {ok, Top} = supervisor:start_link({local, top}, ?MODULE, top),
    [gen_server:call(counter, inc) || _ <- [1, 2, 3]],
    io:format("counter: ~p~n", [gen_server:call(counter, get)]),
    Old = whereis(counter),
    Crash = short_exit(catch gen_server:call(counter, crash)),
    wait_new(counter, Old),
    After = gen_server:call(counter, get),
    io:format("crash: ~p~ncounter after restart: ~p~n", [Crash, After]),
    Workers = [P || {_, P, _, _} <- supervisor:which_children(pool)],
    io:format("worker ids: ~p~n", [lists:sort([gen_server:call(P, id) || P <- Workers])]),
    [W2] = [P || {{worker, 2}, P, _, _} <- supervisor:which_children(pool)],
    gen_server:cast(W2, crash),
    wait_new_child(pool, {worker, 2}, W2),
    io:format("pool children: ~p~n", [[Id || {Id, _, _, _} <- supervisor:which_children(pool)]]),
    io:format("top count: ~p~n", [supervisor:count_children(top)]),
    io:format("stopping the tree~n"),
    exit(Top, shutdown),
    receive {'EXIT', Top, R} -> io:format("top exit: ~p~n", [R]) end,
    ok.

short_exit({'EXIT', {{Reason, Stack}, {gen_server, call, Args}}}) when is_list(Stack) ->
    {'EXIT', {Reason, {gen_server, call, Args}}};
short_exit(X) -> X.

wait_new(Name, Old) ->
    case whereis(Name) of
        P when is_pid(P), P =/= Old -> ok;
        _ -> timer:sleep(2), wait_new(Name, Old)
    end.

wait_new_child(Sup, Id, Old) ->
    case lists:keyfind(Id, 1, supervisor:which_children(Sup)) of
        {Id, P, _, _} when is_pid(P), P =/= Old -> ok;
        _ -> timer:sleep(2), wait_new_child(Sup, Id, Old)
    end.
