%% global: a name registry for processes, with OTP 25's interface (also as the registry
%% behind {global, Name} in gen_server, gen_statem, gen_event and supervisor).
%%
%% Names live on this node only: ember does not yet take part in erl's global protocol, so
%% other nodes neither see these names nor give theirs. A name is held by one process, a
%% process holds at most one name (as erl's default allows; re_register_name may give it
%% more), and a name goes when its process ends. Locks (set_lock, trans) are this node's
%% too.
%%
%% A registered server, global_name_server, does the changes and watches the holders; a
%% protected ETS table of the same name answers whereis_name/1.
-module(global).
-behaviour(gen_server).

-export([register_name/2, register_name/3, re_register_name/2, re_register_name/3,
         unregister_name/1, whereis_name/1, send/2, registered_names/0, sync/0,
         set_lock/1, set_lock/2, set_lock/3, del_lock/1, del_lock/2,
         trans/2, trans/3, trans/4,
         random_exit_name/3, random_notify_name/3, notify_all_name/3]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

-define(SERVER, global_name_server).

%% ---- Names ----------------------------------------------------------------------------

register_name(Name, Pid) -> register_name(Name, Pid, fun random_exit_name/3).

register_name(Name, Pid, _Resolve) when is_pid(Pid) ->
    call({register, Name, Pid, false}).

re_register_name(Name, Pid) -> re_register_name(Name, Pid, fun random_exit_name/3).

re_register_name(Name, Pid, _Resolve) when is_pid(Pid) ->
    call({register, Name, Pid, true}).

unregister_name(Name) ->
    call({unregister, Name}).

%% (A holder that has just ended is not given, though the server may not have heard yet.)
whereis_name(Name) ->
    try ets:lookup(?SERVER, Name) of
        [{_, Pid}] ->
            case node(Pid) =/= node() orelse is_process_alive(Pid) of
                true -> Pid;
                false -> undefined
            end;
        [] -> undefined
    catch error:badarg -> undefined
    end.

send(Name, Msg) ->
    case whereis_name(Name) of
        undefined -> exit({badarg, {Name, Msg}});
        Pid -> Pid ! Msg, Pid
    end.

registered_names() ->
    try [Name || {Name, _} <- ets:tab2list(?SERVER)]
    catch error:badarg -> []
    end.

%% There are no other nodes to agree with.
sync() -> ok.

%% ---- Locks ----------------------------------------------------------------------------

set_lock(Id) -> set_lock(Id, [node()], infinity).

set_lock(Id, Nodes) -> set_lock(Id, Nodes, infinity).

%% {ResourceId, LockRequesterId}: requesters with the same id share a lock. Tries Retries
%% times (or until it gets the lock), with a growing random pause in between.
set_lock({_Resource, _Requester} = Id, _Nodes, Retries) ->
    try_lock(Id, Retries, 1).

try_lock(Id, Retries, Round) ->
    case call({lock, Id, self()}) of
        true -> true;
        false when Retries =:= 0 -> false;
        false ->
            timer:sleep(rand:uniform(min(Round * 16, 1000))),
            try_lock(Id, case Retries of infinity -> infinity; N -> N - 1 end, Round + 1)
    end.

del_lock(Id) -> del_lock(Id, [node()]).

del_lock({_Resource, _Requester} = Id, _Nodes) ->
    call({unlock, Id, self()}).

trans(Id, Fun) -> trans(Id, Fun, [node()], infinity).

trans(Id, Fun, Nodes) -> trans(Id, Fun, Nodes, infinity).

%% Fun() under lock Id, or aborted if the lock is not had.
trans(Id, Fun, Nodes, Retries) ->
    case set_lock(Id, Nodes, Retries) of
        true ->
            try Fun() after del_lock(Id, Nodes) end;
        false ->
            aborted
    end.

%% ---- Name conflict resolvers (conflicts come only from other nodes) -------------------

random_exit_name(Name, Pid1, Pid2) ->
    {Keep, Drop} = pick(Pid1, Pid2),
    exit(Drop, kill),
    _ = Name,
    Keep.

random_notify_name(Name, Pid1, Pid2) ->
    {Keep, Drop} = pick(Pid1, Pid2),
    Drop ! {global_name_conflict, Name},
    Keep.

notify_all_name(Name, Pid1, Pid2) ->
    Pid1 ! {global_name_conflict, Name, Pid2},
    Pid2 ! {global_name_conflict, Name, Pid1},
    none.

pick(Pid1, Pid2) ->
    case rand:uniform(2) of
        1 -> {Pid1, Pid2};
        2 -> {Pid2, Pid1}
    end.

%% ---- The server -----------------------------------------------------------------------

call(Request) -> gen_server:call(server(), Request, infinity).

server() ->
    case whereis(?SERVER) of
        undefined ->
            case gen_server:start({local, ?SERVER}, ?MODULE, [], []) of
                {ok, Pid} -> Pid;
                {error, {already_started, Pid}} -> Pid
            end;
        Pid ->
            Pid
    end.

%% names: Name => Pid; holders: Pid => [Name] (re_register_name may give a process more
%% than one); locks: Resource => {Requester, [Pid]}; watched: Pid => MonitorRef, for every
%% process holding a name or a lock.
init([]) ->
    ?SERVER = ets:new(?SERVER, [set, protected, named_table, {read_concurrency, true}]),
    {ok, #{names => #{}, holders => #{}, locks => #{}, watched => #{}}}.

handle_call({register, Name, Pid, Replace}, _From, #{names := Names, holders := Holders} = S) ->
    case {Names, Holders} of
        {#{Name := _}, _} when not Replace -> {reply, no, S};
        {_, #{Pid := Held}} when not Replace ->
            logger:error("global: ~w registered under several names: ~w~n", [Pid, [Name | Held]]),
            {reply, no, S};
        _ ->
            S1 = watch(Pid, drop_name(Name, S)),
            ets:insert(?SERVER, {Name, Pid}),
            #{names := Names1, holders := Holders1} = S1,
            {reply, yes, S1#{names := Names1#{Name => Pid},
                             holders := Holders1#{Pid => [Name | maps:get(Pid, Holders1, [])]}}}
    end;
handle_call({unregister, Name}, _From, S) ->
    {reply, ok, drop_name(Name, S)};
%% A process that takes a lock again holds it once.
handle_call({lock, {Resource, Requester}, Pid}, _From, #{locks := Locks} = S) ->
    case Locks of
        #{Resource := {Requester, Pids}} ->
            Pids1 = [Pid | lists:delete(Pid, Pids)],
            {reply, true, watch(Pid, S#{locks := Locks#{Resource => {Requester, Pids1}}})};
        #{Resource := _} ->
            {reply, false, S};
        #{} ->
            {reply, true, watch(Pid, S#{locks := Locks#{Resource => {Requester, [Pid]}}})}
    end;
handle_call({unlock, {Resource, Requester}, Pid}, _From, #{locks := Locks} = S) ->
    case Locks of
        #{Resource := {Requester, Pids}} ->
            S1 = S#{locks := release(Resource, Requester, lists:delete(Pid, Pids), Locks)},
            {reply, true, unwatch_idle(Pid, S1)};
        #{} ->
            {reply, true, S}
    end.

handle_cast(_Msg, S) -> {noreply, S}.

handle_info({'DOWN', _Ref, process, Pid, _}, #{holders := Holders, locks := Locks} = S) ->
    S1 = lists:foldl(fun drop_name/2, S, maps:get(Pid, Holders, [])),
    Locks1 = maps:fold(fun(Resource, {Requester, Pids}, Acc) ->
                               release(Resource, Requester, [P || P <- Pids, P =/= Pid], Acc)
                       end, Locks, Locks),
    #{watched := Watched} = S1,
    {noreply, S1#{locks := Locks1, watched := maps:remove(Pid, Watched)}};
handle_info(_Msg, S) ->
    {noreply, S}.

release(Resource, _Requester, [], Locks) -> maps:remove(Resource, Locks);
release(Resource, Requester, Pids, Locks) -> Locks#{Resource => {Requester, Pids}}.

drop_name(Name, #{names := Names, holders := Holders} = S) ->
    case Names of
        #{Name := Pid} ->
            ets:delete(?SERVER, Name),
            Holders1 = case lists:delete(Name, maps:get(Pid, Holders, [])) of
                           [] -> maps:remove(Pid, Holders);
                           Left -> Holders#{Pid := Left}
                       end,
            unwatch_idle(Pid, S#{names := maps:remove(Name, Names), holders := Holders1});
        #{} ->
            S
    end.

%% One monitor per process that holds a name or a lock.
watch(Pid, #{watched := Watched} = S) ->
    case Watched of
        #{Pid := _} -> S;
        #{} -> S#{watched := Watched#{Pid => erlang:monitor(process, Pid)}}
    end.

unwatch_idle(Pid, #{holders := Holders, locks := Locks, watched := Watched} = S) ->
    Holds = maps:is_key(Pid, Holders) orelse
        lists:any(fun({_, Pids}) -> lists:member(Pid, Pids) end, maps:values(Locks)),
    case {Holds, Watched} of
        {false, #{Pid := Ref}} ->
            erlang:demonitor(Ref, [flush]),
            S#{watched := maps:remove(Pid, Watched)};
        _ ->
            S
    end.
