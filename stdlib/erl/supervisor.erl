%% supervisor: the supervisor behaviour, following OTP 25's documented behaviour. A
%% supervisor is a gen_server (so sys works on it) that traps exits, starts its children
%% in the order given, keeps them newest first (the order of which_children/1) and stops
%% them in that order.
%%
%% Supported: start_link/2,3; strategies one_for_one, one_for_all, rest_for_one and
%% simple_one_for_one; supervisor flags as a map or {Strategy, Intensity, Period}, with
%% auto_shutdown and significant children; child specs as maps (with OTP's defaults) or
%% six-tuples; restart types permanent, transient and temporary (the arguments of a
%% started temporary child are forgotten, as in OTP); restart intensity and period (past
%% the limit the supervisor stops its children and exits with shutdown); shutdown as
%% brutal_kill, infinity or a time after which the child is killed; a child that fails to
%% restart is shown as `restarting` and retried; start_child, terminate_child,
%% restart_child, delete_child, which_children, count_children, get_childspec,
%% check_childspecs/1,2 and get_callback_module, with OTP's replies and error terms.
%%
%% Supervisor reports (child_terminated, start_error, shutdown_error,
%% reached_max_restart_intensity) go to standard_error through logger; progress reports
%% are at info level, which the default logger level does not show. Hot code upgrade of
%% the child specs (code_change re-reading init/1) is left out.
-module(supervisor).
-behaviour(gen_server).

-export([start_link/2, start_link/3, start_child/2, restart_child/2, delete_child/2,
         terminate_child/2, which_children/1, count_children/1, check_childspecs/1,
         check_childspecs/2, get_childspec/2, get_callback_module/1]).

%% gen_server callbacks.
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2,
         code_change/3, format_status/2]).

-callback init(Args :: term()) -> term().

-record(child, {pid = undefined,     % pid | undefined | restarting | {restarting, Pid}
                id,
                mfargs,
                restart_type,
                significant = false,
                shutdown,
                child_type,
                modules = []}).

%% (The shell's tree/1, in ember_shell.erl, reads the fields up to `restarts` by position.)
-record(state, {name,
                strategy,
                children = [],       % #child{}, newest first
                %% simple_one_for_one: #{Pid | {restarting, Pid} => {Seq, Args}}, Seq counting
                %% the children in the order they were added (a map, so that finding or
                %% removing one of many thousands costs no scan)
                dynamics = #{},
                intensity,
                period,
                restarts = [],
                auto_shutdown = never,
                module,
                args,
                dyn_seq = 0}).

%% ---------------------------------------------------------------------
%% API

start_link(Mod, Args) ->
    gen_server:start_link(?MODULE, {self, Mod, Args}, []).

start_link(SupName, Mod, Args) ->
    gen_server:start_link(SupName, ?MODULE, {SupName, Mod, Args}, []).

start_child(Sup, ChildSpec) -> call(Sup, {start_child, ChildSpec}).
restart_child(Sup, Id) -> call(Sup, {restart_child, Id}).
delete_child(Sup, Id) -> call(Sup, {delete_child, Id}).
terminate_child(Sup, Id) -> call(Sup, {terminate_child, Id}).
get_childspec(Sup, Id) -> call(Sup, {get_childspec, Id}).
which_children(Sup) -> call(Sup, which_children).
count_children(Sup) -> call(Sup, count_children).
get_callback_module(Sup) -> call(Sup, get_callback_module).

call(Sup, Req) -> gen_server:call(Sup, Req, infinity).

check_childspecs(ChildSpecs) -> check_childspecs(ChildSpecs, undefined).

check_childspecs(ChildSpecs, AutoShutdown) when is_list(ChildSpecs) ->
    case check_startspec(ChildSpecs, AutoShutdown) of
        {ok, _} -> ok;
        Error -> {error, Error}
    end;
check_childspecs(X, _AutoShutdown) ->
    {error, {badarg, X}}.

%% ---------------------------------------------------------------------
%% Initialisation

init({SupName, Mod, Args}) ->
    process_flag(trap_exit, true),
    case Mod:init(Args) of
        {ok, {SupFlags, StartSpec}} ->
            case init_state(SupName, SupFlags, Mod, Args) of
                {ok, #state{strategy = simple_one_for_one} = State} ->
                    init_dynamic(State, StartSpec);
                {ok, State} ->
                    init_children(State, StartSpec);
                Error ->
                    {stop, {supervisor_data, Error}}
            end;
        ignore ->
            ignore;
        Error ->
            {stop, {bad_return, {Mod, init, Error}}}
    end.

init_state(SupName, Flags, Mod, Args) ->
    case check_flags(Flags) of
        {ok, Strategy, Intensity, Period, AutoShutdown} ->
            {ok, #state{name = supname(SupName, Mod), strategy = Strategy,
                        intensity = Intensity, period = Period,
                        auto_shutdown = AutoShutdown, module = Mod, args = Args}};
        Error ->
            Error
    end.

supname(self, Mod) -> {self(), Mod};
supname(N, _) -> N.

check_flags(Flags) when is_map(Flags) ->
    do_check_flags(maps:get(strategy, Flags, one_for_one), maps:get(intensity, Flags, 1),
                   maps:get(period, Flags, 5), maps:get(auto_shutdown, Flags, never));
check_flags({Strategy, Intensity, Period}) ->
    do_check_flags(Strategy, Intensity, Period, never);
check_flags(What) ->
    {invalid_type, What}.

do_check_flags(Strategy, Intensity, Period, AutoShutdown) ->
    case {valid_strategy(Strategy), valid_intensity(Intensity), valid_period(Period),
          valid_auto_shutdown(AutoShutdown)} of
        {false, _, _, _} -> {invalid_strategy, Strategy};
        {_, false, _, _} -> {invalid_intensity, Intensity};
        {_, _, false, _} -> {invalid_period, Period};
        {_, _, _, false} -> {invalid_auto_shutdown, AutoShutdown};
        _ -> {ok, Strategy, Intensity, Period, AutoShutdown}
    end.

valid_strategy(S) ->
    lists:member(S, [one_for_one, one_for_all, rest_for_one, simple_one_for_one]).
valid_intensity(I) -> is_integer(I) andalso I >= 0.
valid_period(P) -> is_integer(P) andalso P > 0.
valid_auto_shutdown(A) -> lists:member(A, [never, any_significant, all_significant]).

init_children(State, StartSpec) ->
    case check_startspec(StartSpec, State#state.auto_shutdown) of
        {ok, Children} ->
            case start_children(Children, State#state.name) of
                {ok, NChildren} ->
                    {ok, State#state{children = NChildren}};
                {error, NChildren, Reason} ->
                    _ = terminate_children(NChildren, State#state.name),
                    {stop, {shutdown, Reason}}
            end;
        Error ->
            {stop, {start_spec, Error}}
    end.

init_dynamic(State, [StartSpec]) ->
    case check_startspec([StartSpec], State#state.auto_shutdown) of
        {ok, Children} -> {ok, State#state{children = Children}};
        Error -> {stop, {start_spec, Error}}
    end;
init_dynamic(_State, StartSpec) ->
    {stop, {bad_start_spec, StartSpec}}.

%% Starts the children (given oldest first); returns them newest first.
start_children(Children, SupName) ->
    start_children(Children, [], SupName).

start_children([Child | Rest], Started, SupName) ->
    case do_start_child(SupName, Child) of
        {ok, undefined} when Child#child.restart_type =:= temporary ->
            start_children(Rest, Started, SupName);
        {ok, Pid} ->
            start_children(Rest, [started(Child, Pid) | Started], SupName);
        {ok, Pid, _Extra} ->
            start_children(Rest, [started(Child, Pid) | Started], SupName);
        {error, Reason} ->
            report_error(start_error, Reason, Child, SupName),
            {error, lists:reverse(Rest) ++ [Child | Started],
             {failed_to_start_child, Child#child.id, Reason}}
    end;
start_children([], Started, _SupName) ->
    {ok, Started}.

%% A started temporary child forgets its start arguments (it is never restarted).
started(#child{restart_type = temporary, mfargs = {M, F, _}} = Child, Pid) ->
    Child#child{pid = Pid, mfargs = {M, F, undefined}};
started(Child, Pid) ->
    Child#child{pid = Pid}.

do_start_child(SupName, #child{mfargs = {M, F, Args}} = Child) ->
    case do_start_child_i(M, F, Args) of
        {ok, Pid} when is_pid(Pid) ->
            report_progress(Child#child{pid = Pid}, SupName),
            {ok, Pid};
        {ok, Pid, Extra} when is_pid(Pid) ->
            report_progress(Child#child{pid = Pid}, SupName),
            {ok, Pid, Extra};
        Other ->
            Other
    end.

do_start_child_i(M, F, A) ->
    case catch apply(M, F, A) of
        {ok, Pid} when is_pid(Pid) -> {ok, Pid};
        {ok, Pid, Extra} when is_pid(Pid) -> {ok, Pid, Extra};
        ignore -> {ok, undefined};
        {error, Error} -> {error, Error};
        What -> {error, What}
    end.

%% ---------------------------------------------------------------------
%% Calls

handle_call({start_child, EArgs}, _From, #state{strategy = simple_one_for_one} = State) ->
    [#child{mfargs = {M, F, A}} = Child] = State#state.children,
    Args = A ++ EArgs,
    case do_start_child_i(M, F, Args) of
        {ok, undefined} ->
            {reply, {ok, undefined}, State};
        {ok, Pid} ->
            report_progress(Child#child{pid = Pid, mfargs = {M, F, Args}}, State#state.name),
            {reply, {ok, Pid}, add_dynamic(Pid, Args, State)};
        {ok, Pid, Extra} ->
            report_progress(Child#child{pid = Pid, mfargs = {M, F, Args}}, State#state.name),
            {reply, {ok, Pid, Extra}, add_dynamic(Pid, Args, State)};
        What ->
            {reply, What, State}
    end;
handle_call({start_child, ChildSpec}, _From, State) ->
    case check_childspec(ChildSpec, State#state.auto_shutdown) of
        {ok, Child} ->
            {Reply, NState} = handle_start_child(Child, State),
            {reply, Reply, NState};
        What ->
            {reply, {error, What}, State}
    end;

handle_call({terminate_child, Id}, _From, #state{strategy = simple_one_for_one} = State) ->
    case is_pid(Id) of
        false ->
            {reply, {error, simple_one_for_one}, State};
        true ->
            case find_dynamic(Id, State) of
                {ok, Child} ->
                    _ = do_terminate(Child, State#state.name),
                    {reply, ok, remove_dynamic(Id, State)};
                error ->
                    case is_process_alive(Id) of
                        false -> {reply, ok, State};
                        true -> {reply, {error, not_found}, State}
                    end
            end
    end;
handle_call({terminate_child, Id}, _From, State) ->
    case find_child(Id, State) of
        {ok, Child} ->
            _ = do_terminate(Child, State#state.name),
            {reply, ok, del_child(Child, State)};
        error ->
            {reply, {error, not_found}, State}
    end;

handle_call({restart_child, _Id}, _From, #state{strategy = simple_one_for_one} = State) ->
    {reply, {error, simple_one_for_one}, State};
handle_call({restart_child, Id}, _From, State) ->
    case find_child(Id, State) of
        {ok, #child{pid = undefined} = Child} ->
            case do_start_child(State#state.name, Child) of
                {ok, Pid} ->
                    {reply, {ok, Pid}, replace_child(started(Child, Pid), State)};
                {ok, Pid, Extra} ->
                    {reply, {ok, Pid, Extra}, replace_child(started(Child, Pid), State)};
                Error ->
                    {reply, Error, State}
            end;
        {ok, #child{pid = {restarting, _}}} ->
            {reply, {error, restarting}, State};
        {ok, #child{pid = restarting}} ->
            {reply, {error, restarting}, State};
        {ok, _} ->
            {reply, {error, running}, State};
        error ->
            {reply, {error, not_found}, State}
    end;

handle_call({delete_child, _Id}, _From, #state{strategy = simple_one_for_one} = State) ->
    {reply, {error, simple_one_for_one}, State};
handle_call({delete_child, Id}, _From, State) ->
    case find_child(Id, State) of
        {ok, #child{pid = undefined}} ->
            {reply, ok, State#state{children = lists:keydelete(Id, #child.id, State#state.children)}};
        {ok, #child{pid = {restarting, _}}} ->
            {reply, {error, restarting}, State};
        {ok, #child{pid = restarting}} ->
            {reply, {error, restarting}, State};
        {ok, _} ->
            {reply, {error, running}, State};
        error ->
            {reply, {error, not_found}, State}
    end;

handle_call({get_childspec, Id}, _From, #state{strategy = simple_one_for_one} = State) ->
    [Child] = State#state.children,
    case is_pid(Id) of
        true ->
            case find_dynamic(Id, State) of
                {ok, _} -> {reply, {ok, child_to_spec(Child)}, State};
                error -> {reply, {error, not_found}, State}
            end;
        false ->
            {reply, {ok, child_to_spec(Child)}, State}
    end;
handle_call({get_childspec, Id}, _From, State) ->
    case find_child(Id, State) of
        {ok, Child} -> {reply, {ok, child_to_spec(Child)}, State};
        error -> {reply, {error, not_found}, State}
    end;

handle_call(which_children, _From, #state{strategy = simple_one_for_one} = State) ->
    [#child{child_type = Type, modules = Mods}] = State#state.children,
    %% Oldest first: OTP lists them in pid order, which is start order there.
    Reply = [{undefined, shown_pid(Pid), Type, Mods} || Pid <- dynamics_oldest_first(State)],
    {reply, Reply, State};
handle_call(which_children, _From, State) ->
    Reply = [{Id, shown_pid(Pid), Type, Mods}
             || #child{id = Id, pid = Pid, child_type = Type, modules = Mods} <- State#state.children],
    {reply, Reply, State};

handle_call(count_children, _From, #state{strategy = simple_one_for_one} = State) ->
    [#child{child_type = Type}] = State#state.children,
    N = maps:size(State#state.dynamics),
    Active = length([P || P <- maps:keys(State#state.dynamics), is_pid(P)]),
    {Sups, Workers} = case Type of
                          supervisor -> {N, 0};
                          worker -> {0, N}
                      end,
    {reply, [{specs, 1}, {active, Active}, {supervisors, Sups}, {workers, Workers}], State};
handle_call(count_children, _From, State) ->
    Children = State#state.children,
    Active = length([C || #child{pid = P} = C <- Children, is_pid(P)]),
    Sups = length([C || #child{child_type = supervisor} = C <- Children]),
    {reply, [{specs, length(Children)}, {active, Active}, {supervisors, Sups},
             {workers, length(Children) - Sups}], State};

handle_call(get_callback_module, _From, State) ->
    {reply, State#state.module, State}.

shown_pid({restarting, _}) -> restarting;
shown_pid(Pid) -> Pid.

handle_start_child(Child, State) ->
    case find_child(Child#child.id, State) of
        error ->
            case do_start_child(State#state.name, Child) of
                {ok, undefined} when Child#child.restart_type =:= temporary ->
                    {{ok, undefined}, State};
                {ok, Pid} ->
                    {{ok, Pid}, add_child(started(Child, Pid), State)};
                {ok, Pid, Extra} ->
                    {{ok, Pid, Extra}, add_child(started(Child, Pid), State)};
                {error, What} ->
                    {{error, {What, Child}}, State}
            end;
        {ok, #child{pid = Pid}} when is_pid(Pid) ->
            {{error, {already_started, Pid}}, State};
        {ok, _} ->
            {{error, already_present}, State}
    end.

%% ---------------------------------------------------------------------
%% Casts and messages

handle_cast({try_again_restart, Key}, State) ->
    Found = case State#state.strategy of
                simple_one_for_one -> find_dynamic({restarting, Key}, State);
                _ -> find_child(Key, State)
            end,
    case Found of
        {ok, #child{pid = {restarting, _}} = Child} ->
            case restart(Child, State) of
                {ok, NState} -> {noreply, NState};
                {shutdown, NState} -> {stop, shutdown, NState}
            end;
        _ ->
            {noreply, State}
    end.

handle_info({'EXIT', Pid, Reason}, State) ->
    case restart_child(Pid, Reason, State) of
        {ok, NState} -> {noreply, NState};
        {shutdown, NState} -> {stop, shutdown, NState}
    end;
handle_info(Msg, State) ->
    logger:report(error, "ERROR REPORT",
                  io_lib:format("Supervisor received unexpected message: ~tp~n", [Msg]),
                  ?MODULE),
    {noreply, State}.

terminate(_Reason, #state{strategy = simple_one_for_one} = State) ->
    terminate_dynamic_children(State);
terminate(_Reason, State) ->
    _ = terminate_children(State#state.children, State#state.name),
    ok.

code_change(_OldVsn, State, _Extra) ->
    {ok, State}.

format_status(terminate, [_PDict, State]) ->
    State;
format_status(_, [_PDict, State]) ->
    [{data, [{"State", State}]},
     {supervisor, [{"Callback", State#state.module}]}].

%% ---------------------------------------------------------------------
%% Restarting

restart_child(Pid, Reason, #state{strategy = simple_one_for_one} = State) ->
    case find_dynamic(Pid, State) of
        {ok, Child} -> do_restart(Reason, Child, State);
        error -> {ok, State}
    end;
restart_child(Pid, Reason, State) ->
    case lists:keyfind(Pid, #child.pid, State#state.children) of
        #child{} = Child -> do_restart(Reason, Child, State);
        false -> {ok, State}
    end.

do_restart(Reason, #child{restart_type = permanent} = Child, State) ->
    report_error(child_terminated, Reason, Child, State#state.name),
    restart(Child, State);
do_restart(Reason, Child, State) when Reason =:= normal; Reason =:= shutdown ->
    stopped(Child, State);
do_restart({shutdown, _}, Child, State) ->
    stopped(Child, State);
do_restart(Reason, #child{restart_type = transient} = Child, State) ->
    report_error(child_terminated, Reason, Child, State#state.name),
    restart(Child, State);
do_restart(Reason, #child{restart_type = temporary} = Child, State) ->
    report_error(child_terminated, Reason, Child, State#state.name),
    stopped(Child, State).

%% A child that ended and is not restarted; it may end the supervisor (auto_shutdown).
stopped(Child, State) ->
    NState = del_child(Child, State),
    case {Child#child.significant, State#state.auto_shutdown} of
        {true, any_significant} ->
            {shutdown, NState};
        {true, all_significant} ->
            case [C || #child{significant = true, pid = P} = C <- NState#state.children, is_pid(P)] of
                [] -> {shutdown, NState};
                _ -> {ok, NState}
            end;
        _ ->
            {ok, NState}
    end.

restart(Child, State) ->
    case add_restart(State) of
        {ok, NState} ->
            count_restart(Child#child.id),
            case restart(NState#state.strategy, Child, NState) of
                {try_again, Key, NState2} ->
                    gen_server:cast(self(), {try_again_restart, Key}),
                    {ok, NState2};
                Other ->
                    Other
            end;
        {terminate, NState} ->
            report_error(shutdown, reached_max_restart_intensity, Child, State#state.name),
            {shutdown, del_child(Child, NState)}
    end.

restart(simple_one_for_one, #child{pid = OldPid, mfargs = {M, F, A}} = Child, State) ->
    Key = case OldPid of
              {restarting, P} -> P;
              P -> P
          end,
    State1 = remove_dynamic(OldPid, State),
    case do_start_child_i(M, F, A) of
        {ok, undefined} -> {ok, State1};
        {ok, Pid} -> {ok, add_dynamic(Pid, A, State1)};
        {ok, Pid, _Extra} -> {ok, add_dynamic(Pid, A, State1)};
        {error, Error} ->
            report_error(start_error, Error, Child, State#state.name),
            {try_again, Key, add_dynamic({restarting, Key}, A, State1)}
    end;
restart(one_for_one, #child{id = Id} = Child, State) ->
    OldPid = Child#child.pid,
    case do_start_child(State#state.name, Child) of
        {ok, Pid} -> {ok, replace_child(Child#child{pid = Pid}, State)};
        {ok, Pid, _Extra} -> {ok, replace_child(Child#child{pid = Pid}, State)};
        {error, Reason} ->
            report_error(start_error, Reason, Child, State#state.name),
            {try_again, Id, replace_child(Child#child{pid = {restarting, OldPid}}, State)}
    end;
restart(one_for_all, Child, State) ->
    Children0 = replace_child_list(Child#child{pid = restarting}, State#state.children),
    Children1 = terminate_children(Children0, State#state.name),
    restart_group(Child, Children1, [], State);
restart(rest_for_one, Child, State) ->
    {After, [_ | Before]} = lists:splitwith(fun(#child{id = Id}) -> Id =/= Child#child.id end,
                                            State#state.children),
    After1 = terminate_children(After, State#state.name),
    restart_group(Child, After1 ++ [Child#child{pid = restarting}], Before, State).

%% Restarts Group (newest first) after the children in Keep (also newest first).
restart_group(Child, Group, Keep, State) ->
    ToStart = [C#child{pid = undefined} || C <- lists:reverse(Group)],
    [count_restart(Id) || #child{id = Id} <- ToStart, Id =/= Child#child.id],
    case start_children(ToStart, State#state.name) of
        {ok, Started} ->
            {ok, State#state{children = Started ++ Keep}};
        {error, Children, {failed_to_start_child, FailedId, _Reason}} ->
            Marked = [case C of
                          #child{id = FailedId} -> C#child{pid = {restarting, undefined}};
                          _ -> C
                      end || C <- Children],
            _ = Child,
            {try_again, FailedId, State#state{children = Marked ++ Keep}}
    end.

%% Restarts so far per child, kept in the supervisor's process dictionary (not in the
%% child record, whose shape error terms show) for the shell's tree/1.
count_restart(Id) ->
    Key = {'$ember_restarts', Id},
    put(Key, case get(Key) of undefined -> 1; N -> N + 1 end).

%% Restarts are counted per second of monotonic time, newest first ([{Second, Count}]), so
%% that checking the intensity costs the length of the period, not the number of restarts.
add_restart(State) ->
    Now = erlang:monotonic_time(second),
    Kept = recent_restarts(State#state.restarts, Now - State#state.period),
    Restarts = case Kept of
                   [{Now, N} | Older] -> [{Now, N + 1} | Older];
                   _ -> [{Now, 1} | Kept]
               end,
    NState = State#state{restarts = Restarts},
    case restart_count(Restarts, 0) =< State#state.intensity of
        true -> {ok, NState};
        false -> {terminate, NState}
    end.

recent_restarts([{T, _} = R | Rest], Threshold) when T >= Threshold ->
    [R | recent_restarts(Rest, Threshold)];
recent_restarts(_, _) ->
    [].

restart_count([{_, N} | Rest], Acc) -> restart_count(Rest, Acc + N);
restart_count([], Acc) -> Acc.

%% ---------------------------------------------------------------------
%% Children

find_child(Id, State) ->
    case lists:keyfind(Id, #child.id, State#state.children) of
        #child{} = Child -> {ok, Child};
        false -> error
    end.

find_dynamic(Pid, State) ->
    case maps:find(Pid, State#state.dynamics) of
        {ok, {_, Args}} ->
            [#child{mfargs = {M, F, _}} = Child] = State#state.children,
            {ok, Child#child{pid = Pid, mfargs = {M, F, Args}}};
        error ->
            error
    end.

add_dynamic(Pid, Args, #state{dynamics = D, dyn_seq = Seq} = State) ->
    State#state{dynamics = D#{Pid => {Seq, Args}}, dyn_seq = Seq + 1}.

remove_dynamic(Pid, State) ->
    State#state{dynamics = maps:remove(Pid, State#state.dynamics)}.

dynamics_oldest_first(State) ->
    [Pid || {_, Pid} <- lists:sort([{Seq, Pid} || {Pid, {Seq, _}} <- maps:to_list(State#state.dynamics)])].

add_child(Child, State) ->
    State#state{children = [Child | State#state.children]}.

replace_child(Child, State) ->
    State#state{children = replace_child_list(Child, State#state.children)}.

replace_child_list(Child, Children) ->
    lists:keyreplace(Child#child.id, #child.id, Children, Child).

del_child(#child{pid = Pid}, #state{strategy = simple_one_for_one} = State) ->
    remove_dynamic(Pid, State);
del_child(#child{id = Id, restart_type = temporary}, State) ->
    State#state{children = lists:keydelete(Id, #child.id, State#state.children)};
del_child(#child{} = Child, State) ->
    replace_child(Child#child{pid = undefined}, State).

%% Stops the children (newest first); returns the list with pids cleared and temporary
%% children dropped.
terminate_children(Children, SupName) ->
    Kept = lists:foldl(fun(Child, Acc) ->
                               _ = do_terminate(Child, SupName),
                               case Child of
                                   #child{restart_type = temporary} -> Acc;
                                   _ -> [Child#child{pid = undefined} | Acc]
                               end
                       end, [], Children),
    lists:reverse(Kept).

do_terminate(#child{pid = Pid} = Child, SupName) when is_pid(Pid) ->
    case shutdown(Pid, Child#child.shutdown) of
        ok -> ok;
        {error, normal} when Child#child.restart_type =/= permanent -> ok;
        {error, OtherReason} -> report_error(shutdown_error, OtherReason, Child, SupName)
    end,
    ok;
do_terminate(_Child, _SupName) ->
    ok.

shutdown(Pid, brutal_kill) ->
    case monitor_child(Pid) of
        ok ->
            exit(Pid, kill),
            receive
                {'DOWN', _, process, Pid, killed} -> ok;
                {'DOWN', _, process, Pid, OtherReason} -> {error, OtherReason}
            end;
        {error, Reason} ->
            {error, Reason}
    end;
shutdown(Pid, Time) ->
    case monitor_child(Pid) of
        ok ->
            exit(Pid, shutdown),
            receive
                {'DOWN', _, process, Pid, shutdown} -> ok;
                {'DOWN', _, process, Pid, OtherReason} -> {error, OtherReason}
            after Time ->
                    exit(Pid, kill),
                    receive
                        {'DOWN', _, process, Pid, OtherReason} -> {error, OtherReason}
                    end
            end;
        {error, Reason} ->
            {error, Reason}
    end.

%% Monitors the child and unlinks it; a child that already ended is reported with its
%% exit reason.
monitor_child(Pid) ->
    erlang:monitor(process, Pid),
    unlink(Pid),
    receive
        {'EXIT', Pid, Reason} ->
            receive
                {'DOWN', _, process, Pid, _} -> {error, Reason}
            end
    after 0 ->
            ok
    end.

terminate_dynamic_children(State) ->
    [#child{shutdown = Shutdown} = Spec] = State#state.children,
    Pids = [P || P <- lists:reverse(dynamics_oldest_first(State)), is_pid(P)],
    Waiting = lists:foldl(
                fun(Pid, Acc) ->
                        case monitor_child(Pid) of
                            ok ->
                                exit(Pid, case Shutdown of
                                              brutal_kill -> kill;
                                              _ -> shutdown
                                          end),
                                [Pid | Acc];
                            {error, Reason} ->
                                dynamic_error(Reason, Pid, Spec, State),
                                Acc
                        end
                end, [], Pids),
    Timer = case Shutdown of
                T when is_integer(T) -> erlang:start_timer(T, self(), kill);
                _ -> undefined
            end,
    wait_dynamic_children(Waiting, Spec, Timer, State),
    ok.

wait_dynamic_children([], _Spec, Timer, _State) ->
    case Timer of
        undefined -> ok;
        _ ->
            _ = erlang:cancel_timer(Timer),
            receive {timeout, Timer, kill} -> ok after 0 -> ok end
    end;
wait_dynamic_children(Pids, Spec, Timer, State) ->
    Expected = case Spec#child.shutdown of
                   brutal_kill -> killed;
                   _ -> shutdown
               end,
    receive
        {'DOWN', _, process, Pid, Reason} ->
            case lists:member(Pid, Pids) of
                true ->
                    case Reason of
                        Expected -> ok;
                        _ -> dynamic_error(Reason, Pid, Spec, State)
                    end,
                    wait_dynamic_children(lists:delete(Pid, Pids), Spec, Timer, State);
                false ->
                    wait_dynamic_children(Pids, Spec, Timer, State)
            end;
        {timeout, Timer, kill} ->
            [exit(P, kill) || P <- Pids],
            wait_dynamic_children(Pids, Spec#child{shutdown = brutal_kill}, undefined, State)
    end.

dynamic_error(normal, _Pid, #child{restart_type = RT}, _State) when RT =/= permanent -> ok;
dynamic_error(Reason, Pid, Spec, State) ->
    report_error(shutdown_error, Reason, Spec#child{pid = Pid}, State#state.name).

%% ---------------------------------------------------------------------
%% Child specifications

check_startspec(Specs, AutoShutdown) ->
    check_startspec(Specs, [], AutoShutdown).

check_startspec([Spec | T], Acc, AutoShutdown) ->
    case check_childspec(Spec, AutoShutdown) of
        {ok, #child{id = Id} = Child} ->
            case lists:keymember(Id, #child.id, Acc) of
                true -> {duplicate_child_name, Id};
                false -> check_startspec(T, [Child | Acc], AutoShutdown)
            end;
        Error ->
            Error
    end;
check_startspec([], Acc, _AutoShutdown) ->
    {ok, lists:reverse(Acc)}.

check_childspec(Spec, AutoShutdown) when is_map(Spec) ->
    case {maps:find(id, Spec), maps:find(start, Spec)} of
        {error, _} -> missing_id;
        {_, error} -> missing_start;
        {{ok, Id}, {ok, MFA}} ->
            Type = maps:get(type, Spec, worker),
            Default = case Type of
                          supervisor -> infinity;
                          _ -> 5000
                      end,
            Modules = case MFA of
                          {M, _, _} -> [M];
                          _ -> []
                      end,
            do_check_childspec(Id, MFA, maps:get(restart, Spec, permanent),
                               maps:get(significant, Spec, false), Type,
                               maps:get(shutdown, Spec, Default),
                               maps:get(modules, Spec, Modules), AutoShutdown)
    end;
check_childspec({Id, MFA, Restart, Shutdown, Type, Modules}, AutoShutdown) ->
    do_check_childspec(Id, MFA, Restart, false, Type, Shutdown, Modules, AutoShutdown);
check_childspec(X, _AutoShutdown) ->
    {invalid_child_spec, X}.

do_check_childspec(Id, MFA, Restart, Significant, Type, Shutdown, Modules, AutoShutdown) ->
    Checks = [{valid_mfa(MFA), {invalid_mfa, MFA}},
              {valid_restart(Restart), {invalid_restart_type, Restart}},
              valid_significant(Significant, Restart, AutoShutdown),
              {valid_type(Type), {invalid_child_type, Type}},
              {valid_shutdown(Shutdown), {invalid_shutdown, Shutdown}}],
    case [Error || {false, Error} <- Checks] of
        [Error | _] -> Error;
        [] ->
            case valid_modules(Modules) of
                ok ->
                    {ok, #child{id = Id, mfargs = MFA, restart_type = Restart,
                                significant = Significant, shutdown = Shutdown,
                                child_type = Type, modules = Modules}};
                Error ->
                    Error
            end
    end.

valid_mfa({M, F, A}) -> is_atom(M) andalso is_atom(F) andalso is_list(A);
valid_mfa(_) -> false.

valid_restart(R) -> R =:= permanent orelse R =:= transient orelse R =:= temporary.

valid_significant(false, _, _) ->
    {true, ok};
valid_significant(true, _, never) ->
    {false, {bad_combination, [{auto_shutdown, never}, {significant, true}]}};
valid_significant(true, permanent, _) ->
    {false, {bad_combination, [{restart, permanent}, {significant, true}]}};
valid_significant(true, _, _) ->
    {true, ok};
valid_significant(S, _, _) ->
    {false, {invalid_significant, S}}.

valid_type(T) -> T =:= worker orelse T =:= supervisor.

valid_shutdown(S) -> S =:= brutal_kill orelse S =:= infinity orelse (is_integer(S) andalso S >= 0).

valid_modules(dynamic) -> ok;
valid_modules(Mods) when is_list(Mods) ->
    case [M || M <- Mods, not is_atom(M)] of
        [] -> ok;
        [Bad | _] -> {invalid_module, Bad}
    end;
valid_modules(Mods) -> {invalid_modules, Mods}.

child_to_spec(#child{id = Id, mfargs = MFA, restart_type = Restart, significant = Significant,
                     shutdown = Shutdown, child_type = Type, modules = Modules}) ->
    #{id => Id, start => MFA, restart => Restart, significant => Significant,
      shutdown => Shutdown, type => Type, modules => Modules}.

%% ---------------------------------------------------------------------
%% Reports

report_error(Error, Reason, Child, SupName) ->
    logger:report(error, "SUPERVISOR REPORT",
                  "    supervisor: ~tp~n"
                  "    errorContext: ~tp~n"
                  "    reason: ~tp~n"
                  "    offender: ~tp~n",
                  [SupName, Error, Reason, extract_child(Child)], ?MODULE).

report_progress(Child, SupName) ->
    logger:report(info, "PROGRESS REPORT", "    supervisor: ~tp~n    started: ~tp~n",
                  [SupName, extract_child(Child)], ?MODULE).

extract_child(#child{pid = Pid, id = Id, mfargs = MFA, restart_type = Restart,
                     significant = Significant, shutdown = Shutdown, child_type = Type}) ->
    [{pid, shown_pid(Pid)}, {id, Id}, {mfargs, MFA}, {restart_type, Restart},
     {significant, Significant}, {shutdown, Shutdown}, {child_type, Type}].
