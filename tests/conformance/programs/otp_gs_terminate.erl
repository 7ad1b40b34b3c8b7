-module(otp_gs_terminate).
-export([main/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2]).

%% When terminate/2 runs and with which reason: stop/1,3, {stop, ...} from each
%% callback, crashes, the parent's exit (only when trapping exits), a crash
%% inside terminate itself.

init({Name, Trap}) ->
    process_flag(trap_exit, Trap),
    {ok, Name}.

handle_call(stop, _From, S) -> {stop, {shutdown, call}, stopped, S};
handle_call(get, _From, S) -> {reply, S, S}.

handle_cast(stop, S) -> {stop, cast_stop, S};
handle_cast(crash, S) -> erlang:error({crash, S});
handle_cast(bad, _S) -> nonsense.

handle_info(stop, S) -> {stop, normal, S};
handle_info(_, S) -> {noreply, S}.

terminate(Reason, crash_in_terminate) ->
    io:format("terminate crash_in_terminate: ~p~n", [short(Reason)]),
    erlang:error(terminate_failed);
terminate(Reason, Name) ->
    io:format("terminate ~p: ~p~n", [Name, short(Reason)]).

start(Name) -> start(Name, false).

start(Name, Trap) ->
    {ok, P} = gen_server:start(?MODULE, {Name, Trap}, []),
    P.

%% Runs Action with a monitor on P set up first, then waits for P to end.
wait(P, Action) ->
    Ref = monitor(process, P),
    Action(),
    receive {'DOWN', Ref, process, P, Why} -> io:format("  exit reason: ~p~n", [short(Why)]) end.

main() ->
    logger:set_primary_config(level, none),
    io:format("stop/1: ~p~n", [gen_server:stop(start(s1))]),
    io:format("stop/3: ~p~n", [gen_server:stop(start(s2), {shutdown, bye}, 5000)]),
    io:format("stop/3 custom reason: ~p~n", [gen_server:stop(start(s3), custom, infinity)]),
    P4 = start(s4),
    Ref4 = monitor(process, P4),
    io:format("call stop: ~p~n", [gen_server:call(P4, stop)]),
    receive {'DOWN', Ref4, process, P4, Why4} -> io:format("  exit reason: ~p~n", [Why4]) end,
    P5 = start(s5),
    wait(P5, fun() -> gen_server:cast(P5, stop) end),
    P6 = start(s6),
    wait(P6, fun() -> P6 ! stop end),
    P7 = start(s7),
    wait(P7, fun() -> gen_server:cast(P7, crash) end),
    P8 = start(s8),
    wait(P8, fun() -> gen_server:cast(P8, bad) end),
    P9 = start(crash_in_terminate),
    io:format("stop with failing terminate: ~p~n", [short(catch gen_server:stop(P9))]),
    %% The parent's exit: terminate runs only when the server traps exits.
    Top = self(),
    Parent1 = spawn(fun() ->
                            {ok, S} = gen_server:start_link(?MODULE, {trapping, true}, []),
                            Top ! {server, S},
                            receive go -> exit(parent_gone) end
                    end),
    S1 = receive {server, X1} -> X1 end,
    wait(S1, fun() -> Parent1 ! go end),
    Parent2 = spawn(fun() ->
                            {ok, S} = gen_server:start_link(?MODULE, {not_trapping, false}, []),
                            Top ! {server, S},
                            receive go -> exit(parent_gone) end
                    end),
    S2 = receive {server, X2} -> X2 end,
    wait(S2, fun() -> Parent2 ! go end),
    %% A normal exit of the parent is an exit signal the trapping server sees.
    Parent3 = spawn(fun() ->
                            {ok, S} = gen_server:start_link(?MODULE, {trapping_normal, true}, []),
                            Top ! {server, S},
                            receive go -> ok end
                    end),
    S3 = receive {server, X3} -> X3 end,
    wait(S3, fun() -> Parent3 ! go end),
    %% An exit signal from a process that is not the parent is just a message.
    S4 = start(other_exit, true),
    Other = spawn(fun() -> link(S4), exit(other_reason) end),
    timer:sleep(20),
    io:format("alive after other's exit: ~p ~p~n", [is_process_alive(S4), is_process_alive(Other)]),
    gen_server:stop(S4),
    ok.

short({Reason, Stack}) when is_list(Stack), Stack =/= [] -> {Reason, stacktrace};
short({'EXIT', {Reason, Stack}}) when is_list(Stack), Stack =/= [] -> {'EXIT', {Reason, stacktrace}};
short(Other) -> Other.
