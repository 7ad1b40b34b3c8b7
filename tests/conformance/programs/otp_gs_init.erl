-module(otp_gs_init).
-export([main/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, handle_continue/2]).

%% Every init/1 result and how start/start_link report it: the return value,
%% the exit signal a linked starter gets, names left registered or not.

init(ok) -> {ok, plain};
init(timeout) -> {ok, timed, 10};
init(hibernate) -> {ok, hib, hibernate};
init(continue) -> {ok, cont, {continue, more}};
init(infinity) -> {ok, inf, infinity};
init(ignore) -> ignore;
init(stop) -> {stop, no_way};
init(stop_normal) -> {stop, normal};
init(error) -> {error, not_in_otp25};
init(bad) -> what_is_this;
init(throw) -> throw({ok, thrown});
init(crash) -> 1 = 2;
init(exit) -> exit(bye);
init(slow) -> receive after 500 -> {ok, slow} end.

handle_call(get, _From, S) -> {reply, S, S}.
handle_cast(_, S) -> {noreply, S}.
handle_info(timeout, timed) -> {noreply, timed_out};
handle_info(_, S) -> {noreply, S}.
handle_continue(more, cont) -> {noreply, continued}.

main() ->
    logger:set_primary_config(level, none),
    process_flag(trap_exit, true),
    Kinds = [ok, timeout, hibernate, continue, infinity, ignore, stop, stop_normal, error,
             bad, throw, crash, exit],
    io:format("-- start~n"),
    [show(K, gen_server:start(?MODULE, K, [])) || K <- Kinds],
    io:format("-- start_link~n"),
    [begin
         R = gen_server:start_link(?MODULE, K, []),
         show(K, R),
         receive
             {'EXIT', _, Why} -> io:format("   exit signal: ~p~n", [short(Why)])
         after 50 -> ok
         end
     end || K <- Kinds],
    io:format("-- names~n"),
    [begin
         R = gen_server:start({local, named}, ?MODULE, K, []),
         io:format("~p: ~p, registered: ~p~n", [K, short(R), whereis(named) =/= undefined]),
         case whereis(named) of
             undefined -> ok;
             _ -> gen_server:stop(named)
         end
     end || K <- [ok, ignore, stop, bad, crash]],
    io:format("-- timeout option~n"),
    io:format("slow: ~p~n", [gen_server:start(?MODULE, slow, [{timeout, 50}])]),
    io:format("slow link: ~p~n", [gen_server:start_link(?MODULE, slow, [{timeout, 50}])]),
    receive {'EXIT', _, W} -> io:format("unexpected exit: ~p~n", [W]) after 100 -> ok end,
    io:format("-- start_monitor~n"),
    {ok, {MP, MRef}} = gen_server:start_monitor(?MODULE, ok, []),
    io:format("monitor: ~p ~p~n", [is_pid(MP), is_reference(MRef)]),
    gen_server:stop(MP, shutdown, infinity),
    receive {'DOWN', MRef, process, MP, DR} -> io:format("down: ~p~n", [DR]) end,
    io:format("monitor stop: ~p~n", [short(gen_server:start_monitor(?MODULE, stop, []))]),
    io:format("monitor ignore: ~p~n", [gen_server:start_monitor(?MODULE, ignore, [])]),
    io:format("mailbox: ~p~n", [flush([])]),
    ok.

show(K, {ok, Pid}) ->
    S = gen_server:call(Pid, get),
    io:format("~p: ok, state ~p~n", [K, S]),
    unlink(Pid),
    gen_server:stop(Pid);
show(K, Other) ->
    io:format("~p: ~p~n", [K, short(Other)]).

%% Error exits carry a stack trace, which is left out.
short({error, {Reason, Stack}}) when is_list(Stack) -> {error, {Reason, stacktrace}};
short({Reason, Stack}) when is_list(Stack), Stack =/= [] -> {Reason, stacktrace};
short({ok, Pid}) when is_pid(Pid) -> {ok, pid};
short(Other) -> Other.

flush(Acc) ->
    receive M -> flush([M | Acc]) after 0 -> lists:reverse(Acc) end.
