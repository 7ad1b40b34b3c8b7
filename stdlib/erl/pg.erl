%% pg: named process groups, with OTP 25's interface and its protocol between nodes.
%%
%% A scope is a registered gen_server that owns a protected named ETS table of the same
%% name, with a row {Group, AllMembers, LocalMembers} per group that has members. Reads
%% (get_members, which_groups) go to the table; changes go through the server, which
%% monitors every local member and drops it from its groups when it ends.
%%
%% The scopes of the same name on connected nodes keep each other informed, with the
%% messages OTP's pg sends, so ember and erl nodes share groups:
%%   {discover, Peer}                  "I exist": answered with a sync, and with a discover
%%                                     of our own if Peer was not known yet;
%%   cast {sync, Peer, [{Group, Pids}]} all of Peer's local members, replacing what we had;
%%   {join, Peer, Group, PidOrPids}    members Peer added;
%%   {leave, Peer, PidOrPids, Groups}  members Peer dropped from each of Groups.
%% A scope that ends (or whose node goes down) takes its members with it.
%%
%% A group's member list has the latest joins first; a process may join a group more
%% than once and appears once per join. Subscribers of monitor_scope/1 and monitor/2 get
%% {Ref, join | leave, Group, Pids} for every change they cover.
-module(pg).
-behaviour(gen_server).

-export([start_link/0, start_link/1, start/1,
         join/2, join/3, leave/2, leave/3,
         monitor_scope/0, monitor_scope/1, monitor/1, monitor/2,
         demonitor/1, demonitor/2,
         get_members/1, get_members/2, get_local_members/1, get_local_members/2,
         which_groups/0, which_groups/1, which_local_groups/0, which_local_groups/1]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2]).

-define(DEFAULT_SCOPE, ?MODULE).

%% local: Pid => {MonitorRef, Groups} (a group once per join, latest first);
%% remote: ScopePid => {MonitorRef, #{Group => Pids}};
%% scope_monitors: Ref => Subscriber; group_monitors: Ref => {Subscriber, Group};
%% monitored_groups: Group => [{Subscriber, Ref}].
-record(state, {scope, local = #{}, remote = #{}, scope_monitors = #{},
                group_monitors = #{}, monitored_groups = #{}}).

%% ---- Starting a scope -----------------------------------------------------------------

start_link() -> start_link(?DEFAULT_SCOPE).

start_link(Scope) when is_atom(Scope) ->
    gen_server:start_link({local, Scope}, ?MODULE, [Scope], []).

start(Scope) when is_atom(Scope) ->
    gen_server:start({local, Scope}, ?MODULE, [Scope], []).

%% ---- Membership -----------------------------------------------------------------------

join(Group, PidOrPids) -> join(?DEFAULT_SCOPE, Group, PidOrPids).

join(Scope, Group, PidOrPids) when is_pid(PidOrPids); is_list(PidOrPids) ->
    ok = ensure_local(PidOrPids),
    gen_server:call(Scope, {join_local, Group, PidOrPids}, infinity).

leave(Group, PidOrPids) -> leave(?DEFAULT_SCOPE, Group, PidOrPids).

leave(Scope, Group, PidOrPids) when is_pid(PidOrPids); is_list(PidOrPids) ->
    ok = ensure_local(PidOrPids),
    gen_server:call(Scope, {leave_local, Group, PidOrPids}, infinity).

ensure_local(Pid) when is_pid(Pid), node(Pid) =:= node() -> ok;
ensure_local(Pids) when is_list(Pids) -> lists:foreach(fun ensure_local/1, Pids);
ensure_local(Other) -> erlang:error({nolocal, Other}).

%% ---- Subscriptions --------------------------------------------------------------------

monitor_scope() -> monitor_scope(?DEFAULT_SCOPE).

monitor_scope(Scope) ->
    {Ref, Groups} = gen_server:call(Scope, monitor, infinity),
    {Ref, maps:from_list(Groups)}.

monitor(Group) -> ?MODULE:monitor(?DEFAULT_SCOPE, Group).

monitor(Scope, Group) -> gen_server:call(Scope, {monitor, Group}, infinity).

demonitor(Ref) -> ?MODULE:demonitor(?DEFAULT_SCOPE, Ref).

demonitor(Scope, Ref) ->
    case gen_server:call(Scope, {demonitor, Ref}, infinity) of
        ok ->
            flush(Ref),
            ok;
        false ->
            false
    end.

%% Messages a subscription sent before it ended are not left behind.
flush(Ref) ->
    receive
        {Ref, _, _, _} -> flush(Ref)
    after 0 -> ok
    end.

%% ---- Reading --------------------------------------------------------------------------

get_members(Group) -> get_members(?DEFAULT_SCOPE, Group).

get_members(Scope, Group) ->
    try ets:lookup_element(Scope, Group, 2) catch error:badarg -> [] end.

get_local_members(Group) -> get_local_members(?DEFAULT_SCOPE, Group).

get_local_members(Scope, Group) ->
    try ets:lookup_element(Scope, Group, 3) catch error:badarg -> [] end.

which_groups() -> which_groups(?DEFAULT_SCOPE).

which_groups(Scope) when is_atom(Scope) ->
    [G || [G] <- ets:match(Scope, {'$1', '_', '_'})].

which_local_groups() -> which_local_groups(?DEFAULT_SCOPE).

which_local_groups(Scope) when is_atom(Scope) ->
    ets:select(Scope, [{{'$1', '_', '$2'}, [{'=/=', '$2', []}], ['$1']}]).

%% ---- The scope server -----------------------------------------------------------------

init([Scope]) ->
    ok = net_kernel:monitor_nodes(true),
    Scope = ets:new(Scope, [set, protected, named_table, {read_concurrency, true}]),
    [erlang:send({Scope, Node}, {discover, self()}, [noconnect]) || Node <- nodes()],
    {ok, #state{scope = Scope}}.

handle_call({join_local, Group, PidOrPids}, _From, #state{local = Local} = State) ->
    Pids = pids(PidOrPids),
    Local1 = lists:foldl(fun(Pid, Acc) -> add_local(Pid, Group, Acc) end, Local, Pids),
    add_members(State, Group, Pids, Pids),
    broadcast(State, {join, self(), Group, PidOrPids}),
    notify(State, join, Group, Pids),
    {reply, ok, State#state{local = Local1}};
handle_call({leave_local, Group, PidOrPids}, _From, #state{local = Local} = State) ->
    Pids = pids(PidOrPids),
    case lists:foldl(fun(Pid, Acc) -> drop_local(Pid, Group, Acc) end, {Local, []}, Pids) of
        {_, []} ->
            {reply, not_joined, State};
        {Local1, Left} ->
            remove_members(State, Group, Left, Left),
            broadcast(State, {leave, self(), PidOrPids, [Group]}),
            notify(State, leave, Group, Pids),
            {reply, ok, State#state{local = Local1}}
    end;
handle_call(monitor, {Pid, _}, #state{scope = Scope, scope_monitors = Monitors} = State) ->
    Ref = erlang:monitor(process, Pid),
    Groups = [{G, All} || {G, All, _} <- ets:tab2list(Scope)],
    {reply, {Ref, Groups}, State#state{scope_monitors = Monitors#{Ref => Pid}}};
handle_call({monitor, Group}, {Pid, _}, State) ->
    #state{group_monitors = Monitors, monitored_groups = Watched} = State,
    Ref = erlang:monitor(process, Pid),
    Watchers = maps:get(Group, Watched, []),
    State1 = State#state{group_monitors = Monitors#{Ref => {Pid, Group}},
                         monitored_groups = Watched#{Group => [{Pid, Ref} | Watchers]}},
    {reply, {Ref, get_members(State#state.scope, Group)}, State1};
handle_call({demonitor, Ref}, _From, State) ->
    case unsubscribe(Ref, State) of
        {ok, State1} ->
            erlang:demonitor(Ref, [flush]),
            {reply, ok, State1};
        error ->
            {reply, false, State}
    end;
handle_call(_Request, _From, _State) ->
    erlang:error(badarg).

handle_cast({sync, Peer, Groups}, #state{remote = Remote} = State) ->
    {MRef, Old} = case Remote of
                      #{Peer := Known} -> Known;
                      #{} -> {erlang:monitor(process, Peer), #{}}
                  end,
    New = maps:from_list([{G, Pids} || {G, Pids} <- Groups]),
    %% Groups the peer no longer has, or has other members in, lose what it had there.
    maps:foreach(fun(G, Pids) ->
                         case New of
                             #{G := Pids} -> ok;
                             #{} ->
                                 remove_members(State, G, Pids, []),
                                 notify(State, leave, G, Pids)
                         end
                 end, Old),
    maps:foreach(fun(G, Pids) ->
                         case Old of
                             #{G := Pids} -> ok;
                             #{} ->
                                 add_members(State, G, Pids, []),
                                 notify(State, join, G, Pids)
                         end
                 end, New),
    {noreply, State#state{remote = Remote#{Peer => {MRef, New}}}};
handle_cast(_Cast, _State) ->
    erlang:error(badarg).

handle_info({discover, Peer}, #state{remote = Remote} = State) ->
    gen_server:cast(Peer, {sync, self(), local_groups(State)}),
    case Remote of
        #{Peer := _} ->
            {noreply, State};
        #{} ->
            MRef = erlang:monitor(process, Peer),
            erlang:send(Peer, {discover, self()}, [noconnect]),
            {noreply, State#state{remote = Remote#{Peer => {MRef, #{}}}}}
    end;
handle_info({join, Peer, Group, PidOrPids}, #state{remote = Remote} = State) ->
    case Remote of
        #{Peer := {MRef, Groups}} ->
            Pids = pids(PidOrPids),
            add_members(State, Group, Pids, []),
            notify(State, join, Group, Pids),
            Groups1 = Groups#{Group => Pids ++ maps:get(Group, Groups, [])},
            {noreply, State#state{remote = Remote#{Peer => {MRef, Groups1}}}};
        #{} ->
            {noreply, State}
    end;
handle_info({leave, Peer, PidOrPids, Left}, #state{remote = Remote} = State) ->
    case Remote of
        #{Peer := {MRef, Groups}} ->
            Pids = pids(PidOrPids),
            Groups1 = lists:foldl(
                        fun(G, Acc) ->
                                remove_members(State, G, Pids, []),
                                notify(State, leave, G, Pids),
                                case maps:get(G, Acc, []) -- Pids of
                                    [] -> maps:remove(G, Acc);
                                    Rest -> Acc#{G => Rest}
                                end
                        end, Groups, Left),
            {noreply, State#state{remote = Remote#{Peer => {MRef, Groups1}}}};
        #{} ->
            {noreply, State}
    end;
handle_info({'DOWN', MRef, process, Pid, _Info}, #state{local = Local, remote = Remote} = State)
  when node(Pid) =:= node() ->
    case Local of
        #{Pid := {MRef, Groups}} ->
            %% A member ended: it leaves every group it was in, as often as it joined.
            lists:foreach(fun(G) ->
                                  remove_members(State, G, [Pid], [Pid]),
                                  notify(State, leave, G, [Pid])
                          end, Groups),
            broadcast(State, {leave, self(), Pid, Groups}),
            {noreply, State#state{local = maps:remove(Pid, Local)}};
        #{} ->
            subscriber_down(MRef, Remote, State)
    end;
handle_info({'DOWN', MRef, process, Pid, _Info}, #state{remote = Remote} = State) ->
    subscriber_down(MRef, Remote, maybe_peer_down(Pid, MRef, State));
handle_info({nodeup, Node}, #state{scope = Scope} = State) ->
    erlang:send({Scope, Node}, {discover, self()}, [noconnect]),
    {noreply, State};
handle_info({nodedown, _Node}, State) ->
    %% The monitors of the node's scope and members say what was lost.
    {noreply, State};
handle_info(_Info, _State) ->
    erlang:error(badarg).

terminate(_Reason, #state{scope = Scope}) ->
    true = ets:delete(Scope).

%% A remote scope that ended takes its members with it.
maybe_peer_down(Peer, MRef, #state{remote = Remote} = State) ->
    case Remote of
        #{Peer := {MRef, Groups}} ->
            maps:foreach(fun(G, Pids) ->
                                 remove_members(State, G, Pids, []),
                                 notify(State, leave, G, Pids)
                         end, Groups),
            State#state{remote = maps:remove(Peer, Remote)};
        #{} ->
            State
    end.

%% A subscriber ended (or a stale monitor fired): its subscriptions go.
subscriber_down(MRef, _Remote, State) ->
    case unsubscribe(MRef, State) of
        {ok, State1} -> {noreply, State1};
        error -> {noreply, State}
    end.

unsubscribe(Ref, #state{scope_monitors = Scopes, group_monitors = Groups} = State) ->
    case {Scopes, Groups} of
        {#{Ref := _}, _} ->
            {ok, State#state{scope_monitors = maps:remove(Ref, Scopes)}};
        {_, #{Ref := {Pid, Group}}} ->
            Watched = State#state.monitored_groups,
            Watched1 = case lists:delete({Pid, Ref}, maps:get(Group, Watched, [])) of
                           [] -> maps:remove(Group, Watched);
                           Rest -> Watched#{Group => Rest}
                       end,
            {ok, State#state{group_monitors = maps:remove(Ref, Groups),
                             monitored_groups = Watched1}};
        _ ->
            error
    end.

%% ---- Helpers --------------------------------------------------------------------------

pids(Pid) when is_pid(Pid) -> [Pid];
pids(Pids) -> Pids.

add_local(Pid, Group, Local) ->
    case Local of
        #{Pid := {MRef, Groups}} -> Local#{Pid => {MRef, [Group | Groups]}};
        #{} -> Local#{Pid => {erlang:monitor(process, Pid), [Group]}}
    end.

%% Drops one of Pid's memberships of Group, if it has one; collects the pids that left.
drop_local(Pid, Group, {Local, Left}) ->
    case Local of
        #{Pid := {MRef, Groups}} ->
            case lists:member(Group, Groups) of
                false ->
                    {Local, Left};
                true ->
                    case lists:delete(Group, Groups) of
                        [] ->
                            erlang:demonitor(MRef, [flush]),
                            {maps:remove(Pid, Local), [Pid | Left]};
                        Rest ->
                            {Local#{Pid => {MRef, Rest}}, [Pid | Left]}
                    end
            end;
        #{} ->
            {Local, Left}
    end.

%% Adds Pids to Group's members (and LocalPids to its local members), latest first.
add_members(#state{scope = Scope}, Group, Pids, LocalPids) ->
    case ets:lookup(Scope, Group) of
        [{Group, All, Locals}] -> ets:insert(Scope, {Group, Pids ++ All, LocalPids ++ Locals});
        [] -> ets:insert(Scope, {Group, Pids, LocalPids})
    end.

%% Takes one occurrence of each of Pids out of Group (and of LocalPids out of its local
%% members); a group left with no members goes.
remove_members(#state{scope = Scope}, Group, Pids, LocalPids) ->
    case ets:lookup(Scope, Group) of
        [{Group, All, Locals}] ->
            case All -- Pids of
                [] -> ets:delete(Scope, Group);
                All1 -> ets:insert(Scope, {Group, All1, Locals -- LocalPids})
            end;
        [] ->
            true
    end.

%% The local members of every group, as a sync message carries them.
local_groups(#state{scope = Scope}) ->
    [{G, Locals} || {G, _, Locals} <- ets:tab2list(Scope), Locals =/= []].

broadcast(#state{remote = Remote}, Msg) ->
    maps:foreach(fun(Peer, _) -> erlang:send(Peer, Msg, [noconnect]) end, Remote).

%% Tells the scope's subscribers, then the group's, of a change.
notify(#state{scope_monitors = Scopes, monitored_groups = Watched}, Kind, Group, Pids) ->
    maps:foreach(fun(Ref, Pid) -> erlang:send(Pid, {Ref, Kind, Group, Pids}) end, Scopes),
    [erlang:send(Pid, {Ref, Kind, Group, Pids}) || {Pid, Ref} <- maps:get(Group, Watched, [])],
    ok.
