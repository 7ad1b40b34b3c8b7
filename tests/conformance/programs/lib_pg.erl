%% pg: scopes, joining and leaving (once per join), member lists in join order, the
%% groups a scope has, subscriptions to a scope and to a group, members that end, and the
%% errors of bad calls.
-module(lib_pg).
-export([main/0]).

show(What, Value) -> io:format("~p: ~p~n", [What, Value]).

%% The subscription messages waiting, with pids shown by their names.
events(Names) ->
    receive
        {Ref, Kind, Group, Pids} when is_reference(Ref) ->
            [{Kind, Group, [name(P, Names) || P <- Pids]} | events(Names)]
    after 100 -> []
    end.

name(Pid, Names) ->
    case lists:keyfind(Pid, 2, Names) of
        {Name, _} -> Name;
        false -> unknown
    end.

names(Pids, Names) -> [name(P, Names) || P <- Pids].

sleeper() -> spawn(fun() -> receive stop -> ok end end).

main() ->
    {ok, Scope} = pg:start_link(),
    show(scope_registered, whereis(pg) =:= Scope),
    show(start_again, element(1, pg:start(pg))),
    Me = self(),
    A = sleeper(),
    B = sleeper(),
    Names = [{me, Me}, {a, A}, {b, B}],
    {ScopeRef, Initial} = pg:monitor_scope(),
    show(initial_groups, Initial),
    show(join_me, pg:join(workers, Me)),
    show(join_list, pg:join(workers, [A, B])),
    show(join_again, pg:join(workers, Me)),
    show(members, names(pg:get_members(workers), Names)),
    show(local_members, names(pg:get_local_members(workers), Names)),
    show(events, events(Names)),
    show(leave_one, pg:leave(workers, Me)),
    show(members, names(pg:get_members(workers), Names)),
    show(leave_not_joined, pg:leave(nothing, Me)),
    show(leave_empty, pg:leave(workers, [])),
    show(join_empty, pg:join(workers, [])),
    show(leave_some, pg:leave(workers, [Me, A])),
    show(members, names(pg:get_members(workers), Names)),
    show(events, events(Names)),
    show(no_group, pg:get_members(nothing)),
    show(no_local_group, pg:get_local_members(nothing)),
    ok = pg:join(cache, [A, A]),
    ok = pg:join(other, A),
    show(groups, lists:sort(pg:which_groups())),
    show(local_groups, lists:sort(pg:which_local_groups())),
    {GroupRef, Watched} = pg:monitor(cache),
    show(watched, names(Watched, Names)),
    show(events, events(Names)),
    %% A member that ends leaves every group, once per join.
    A ! stop,
    show(events, events(Names)),
    show(groups_after_exit, lists:sort(pg:which_groups())),
    show(demonitor_group, pg:demonitor(GroupRef)),
    show(demonitor_again, pg:demonitor(GroupRef)),
    show(demonitor_scope, pg:demonitor(ScopeRef)),
    ok = pg:join(workers, B),
    show(events_after_demonitor, events(Names)),
    B ! stop,
    timer:sleep(50),
    show(groups_at_end, pg:which_groups()),
    %% A second scope is separate from the first.
    {ok, Other} = pg:start(other_scope),
    show(other_registered, whereis(other_scope) =:= Other),
    ok = pg:join(other_scope, workers, [Me, Me]),
    show(other_members, names(pg:get_members(other_scope, workers), Names)),
    show(default_members, names(pg:get_members(workers), Names)),
    show(other_leave, pg:leave(other_scope, workers, Me)),
    show(other_members, names(pg:get_members(other_scope, workers), Names)),
    show(other_groups, pg:which_groups(other_scope)),
    show(table_protection, ets:info(other_scope, protection)),
    %% Errors.
    show(not_a_pid, catch_error(fun() -> pg:join(workers, not_a_pid) end)),
    show(improper_list, catch_error(fun() -> pg:join(workers, [Me | bad]) end)),
    show(not_a_pid_in_list, catch_error(fun() -> pg:join(workers, [foo]) end)),
    show(no_scope_members, pg:get_members(no_scope, workers)),
    {'EXIT', {R, {M, F, [S, {Tag, G, Who}, T]}}} = (catch pg:join(no_scope, workers, Me)),
    show(no_scope_join, {R, M, F, S, Tag, G, name(Who, Names), T}),
    show(no_scope_monitor, catch pg:monitor_scope(no_scope)),
    %% What names no server is a function_clause error in gen_server:call.
    show(bad_server, case catch gen_server:call(42, x) of
                         {'EXIT', {{Kind, _}, Call}} -> {Kind, Call};
                         Other -> Other
                     end),
    ok.

catch_error(F) ->
    try F() of
        V -> {value, V}
    catch
        error:Reason -> {error, Reason}
    end.
