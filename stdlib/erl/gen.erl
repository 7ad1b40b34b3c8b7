%% gen: the parts gen_server, gen_statem, gen_event and supervisor share, after OTP 25's
%% gen module: starting a behaviour process under proc_lib with an optional registered
%% name, synchronous calls with a monitor and a timeout, replies, and the asynchronous
%% request API (send_request/wait_response/receive_response/check_response).
%%
%% Server references: a pid, a registered name, {Name, Node}, {local, Name},
%% {global, Name} (global's names, which are this node's) and {via, Module, Name}. On a node
%% that is not distributed, names on other nodes give {nodedown, Node}.
%%
%% Calls tag the reply with [alias | Monitor]: the monitor's reference is also a process
%% alias, so a reply that comes after the caller gave up on a timeout is dropped, as in
%% OTP 25. Request id collections (reqids_*) are left out.
-module(gen).

-export([start/5, start/6, init_it/6, init_it/7, call/3, call/4, call_reply/4, reply/2, stop/1, stop/3,
         send_request/3, wait_response/2, receive_response/2, check_response/2,
         send_request/5, wait_response/3, receive_response/3, check_response/3,
         reqids_new/0, reqids_add/3, reqids_size/1, reqids_to_list/1,
         get_parent/0, name/1, unregister_name/1, where/1, register_name/1, not_registered/1,
         debug_options/2, hibernate_after/1, spawn_opts/1, format_status_header/2]).

%% ---------------------------------------------------------------------
%% Starting

%% start(GenMod, LinkP, Mod, Args, Options) and start(GenMod, LinkP, Name, Mod, Args,
%% Options), LinkP being link, nolink or monitor.
start(GenMod, LinkP, Name, Mod, Args, Options) ->
    check_name(Name),
    case where(Name) of
        undefined -> do_spawn(GenMod, LinkP, Name, Mod, Args, Options);
        Pid -> {error, {already_started, Pid}}
    end.

start(GenMod, LinkP, Mod, Args, Options) ->
    do_spawn(GenMod, LinkP, Mod, Args, Options).

check_name({local, Name}) when is_atom(Name) -> ok;
check_name({global, _}) -> ok;
check_name({via, Mod, _}) when is_atom(Mod) -> ok;
check_name(Name) -> erlang:error(badarg, [Name]).

do_spawn(GenMod, link, Mod, Args, Options) ->
    proc_lib:start_link(?MODULE, init_it, [GenMod, self(), self(), Mod, Args, Options],
                        timeout(Options), spawn_opts(Options));
do_spawn(GenMod, monitor, Mod, Args, Options) ->
    monitor_return(proc_lib:start_monitor(?MODULE, init_it,
                                          [GenMod, self(), self, Mod, Args, Options],
                                          timeout(Options), spawn_opts(Options)));
do_spawn(GenMod, _, Mod, Args, Options) ->
    proc_lib:start(?MODULE, init_it, [GenMod, self(), self, Mod, Args, Options],
                   timeout(Options), spawn_opts(Options)).

do_spawn(GenMod, link, Name, Mod, Args, Options) ->
    proc_lib:start_link(?MODULE, init_it, [GenMod, self(), self(), Name, Mod, Args, Options],
                        timeout(Options), spawn_opts(Options));
do_spawn(GenMod, monitor, Name, Mod, Args, Options) ->
    monitor_return(proc_lib:start_monitor(?MODULE, init_it,
                                          [GenMod, self(), self, Name, Mod, Args, Options],
                                          timeout(Options), spawn_opts(Options)));
do_spawn(GenMod, _, Name, Mod, Args, Options) ->
    proc_lib:start(?MODULE, init_it, [GenMod, self(), self, Name, Mod, Args, Options],
                   timeout(Options), spawn_opts(Options)).

monitor_return({{ok, Pid}, Mon}) when is_pid(Pid), is_reference(Mon) ->
    {ok, {Pid, Mon}};
monitor_return({Error, Mon}) when is_reference(Mon) ->
    receive
        {'DOWN', Mon, process, _Pid, _Reason} -> ok
    end,
    Error.

timeout(Options) ->
    case lists:keyfind(timeout, 1, Options) of
        {timeout, T} -> T;
        false -> infinity
    end.

spawn_opts(Options) ->
    case lists:keyfind(spawn_opt, 1, Options) of
        {spawn_opt, Opts} -> Opts;
        false -> []
    end.

hibernate_after(Options) ->
    case lists:keyfind(hibernate_after, 1, Options) of
        {hibernate_after, T} -> T;
        false -> infinity
    end.

debug_options(_Name, Options) ->
    case lists:keyfind(debug, 1, Options) of
        {debug, Flags} -> sys:debug_options(Flags);
        false -> []
    end.

%% The process side: register the name, then hand over to the behaviour.
init_it(GenMod, Starter, Parent, Mod, Args, Options) ->
    init_it2(GenMod, Starter, Parent, self(), Mod, Args, Options).

init_it(GenMod, Starter, Parent, Name, Mod, Args, Options) ->
    case register_name(Name) of
        true ->
            init_it2(GenMod, Starter, Parent, Name, Mod, Args, Options);
        {false, Pid} ->
            proc_lib:init_ack(Starter, {error, {already_started, Pid}})
    end.

init_it2(GenMod, Starter, self, Name, Mod, Args, Options) ->
    init_it2(GenMod, Starter, self(), Name, Mod, Args, Options);
init_it2(GenMod, Starter, Parent, Name, Mod, Args, Options) ->
    GenMod:init_it(Starter, Parent, Name, Mod, Args, Options).

register_name({local, Name} = LN) ->
    try register(Name, self()) of
        true -> true
    catch
        error:_ -> {false, where(LN)}
    end;
register_name({global, Name}) ->
    register_name({via, global, Name});
register_name({via, Module, Name} = VN) ->
    case Module:register_name(Name, self()) of
        yes -> true;
        no -> {false, where(VN)}
    end.

unregister_name({local, Name}) ->
    catch unregister(Name),
    ok;
unregister_name({global, Name}) ->
    unregister_name({via, global, Name});
unregister_name({via, Module, Name}) ->
    catch Module:unregister_name(Name),
    ok;
unregister_name(_) ->
    ok.

where({local, Name}) -> whereis(Name);
where({global, Name}) -> global:whereis_name(Name);
where({via, Module, Name}) -> Module:whereis_name(Name).

%% Why enter_loop refuses a name the process does not have, as erl says it.
not_registered({global, _}) -> process_not_registered_globally;
not_registered({via, Module, _}) -> {process_not_registered_via, Module};
not_registered(_) -> process_not_registered.

name({local, Name}) -> Name;
name({global, Name}) -> Name;
name({via, _, Name}) -> Name;
name(Pid) when is_pid(Pid) -> Pid.

get_parent() ->
    case get('$ancestors') of
        [Parent | _] when is_pid(Parent) -> Parent;
        [Parent | _] when is_atom(Parent) -> name_to_pid(Parent);
        _ -> exit(process_was_not_started_by_proc_lib)
    end.

name_to_pid(Name) ->
    case whereis(Name) of
        undefined -> exit(could_not_find_registered_name);
        Pid -> Pid
    end.

format_status_header(TagLine, Pid) when is_pid(Pid) ->
    lists:concat([TagLine, " ", pid_text(Pid)]);
format_status_header(TagLine, RegName) when is_atom(RegName) ->
    lists:concat([TagLine, " ", RegName]);
format_status_header(TagLine, Name) ->
    {TagLine, Name}.

pid_text(Pid) -> lists:flatten(io_lib:format("~w", [Pid])).

%% ---------------------------------------------------------------------
%% Calls

call(Process, Label, Request) -> call(Process, Label, Request, 5000).

call(Process, Label, Request, Timeout)
  when Timeout =:= infinity; is_integer(Timeout), Timeout >= 0 ->
    do_call(resolve(Process), Label, Request, Timeout);
call(Process, Label, Request, Timeout) ->
    erlang:error(badarg, [Process, Label, Request, Timeout]).

%% The pid of a server; anything that names none is a function_clause error, as in erl.
resolve(Pid) when is_pid(Pid) -> Pid;
resolve(Name) when is_atom(Name) -> registered(Name);
resolve({local, Name}) when is_atom(Name) -> registered(Name);
resolve({global, Name}) -> resolve({via, global, Name});
resolve({via, Module, Name}) ->
    case Module:whereis_name(Name) of
        Pid when is_pid(Pid) -> Pid;
        _ -> exit(noproc)
    end;
resolve({Name, Node}) when is_atom(Name), Node =:= node() -> registered(Name);
resolve({Name, Node} = Remote) when is_atom(Name), is_atom(Node) ->
    case is_alive() of
        true -> Remote;
        false -> exit({nodedown, Node})
    end.

registered(Name) ->
    case whereis(Name) of
        undefined -> exit(noproc);
        Pid -> Pid
    end.

do_call(Pid, Label, Request, Timeout) -> {ok, call_reply(Pid, Label, Request, Timeout)}.

%% The reply to a call to a pid, or an exit with the reason the call failed for
%% (gen_server:call/2,3 to a pid comes here directly). The reply comes to a process alias
%% that lives as long as the monitor: a reply that arrives after the caller gave up is
%% dropped, not left in its mailbox. call_send/3 monitors Pid under an alias and sends
%% it {Label, {self(), [alias | Ref]}, Request}. The reply's arrival ends the monitor, and
%% the alias stops working before anything else is taken in, as erl's demonitor(Ref,
%% [flush]) right after the reply would have it: no 'DOWN' can follow the reply.
call_reply(Pid, _Label, _Request, _Timeout) when Pid =:= self() ->
    exit(calling_self);
call_reply(Pid, Label, Request, Timeout) ->
    Ref = ember_proc:call_send(Pid, Label, Request),
    receive
        {[alias | Ref], Reply} ->
            Reply;
        {'DOWN', Ref, _, _, noconnection} ->
            exit({nodedown, node_of(Pid)});
        {'DOWN', Ref, _, _, Reason} ->
            exit(Reason)
    after Timeout ->
            erlang:demonitor(Ref, [flush]),
            receive
                {[alias | Ref], Reply} -> Reply
            after 0 ->
                    exit(timeout)
            end
    end.

node_of({_Name, Node}) -> Node;
node_of(Pid) -> node(Pid).

reply({_To, [alias | Alias] = Tag}, Reply) when is_reference(Alias) ->
    Alias ! {Tag, Reply},
    ok;
reply({To, Tag}, Reply) ->
    catch erlang:send(To, {Tag, Reply}),
    ok.

%% ---------------------------------------------------------------------
%% Asynchronous requests

send_request(Process, Label, Request) ->
    try resolve(Process) of
        Pid ->
            Ref = erlang:monitor(process, Pid, [{alias, demonitor}]),
            Pid ! {Label, {self(), [alias | Ref]}, Request},
            Ref
    catch
        exit:Reason ->
            Ref = make_ref(),
            self() ! {'DOWN', Ref, process, Process, Reason},
            Ref
    end.

wait_response(Ref, Timeout) ->
    receive_reply(Ref, Timeout, false).

receive_response(Ref, Timeout) ->
    receive_reply(Ref, Timeout, true).

receive_reply(Ref, Timeout, Abandon) ->
    T = case Timeout of
            {abs, Abs} -> max(0, Abs - erlang:monotonic_time(millisecond));
            _ -> Timeout
        end,
    receive
        {[alias | Ref], Reply} ->
            erlang:demonitor(Ref, [flush]),
            {reply, Reply};
        {'DOWN', Ref, _, Object, Reason} ->
            {error, {Reason, Object}}
    after T ->
            case Abandon of
                true -> erlang:demonitor(Ref, [flush]);
                false -> ok
            end,
            timeout
    end.

%% Request id collections: a map from request id to label.

reqids_new() -> #{}.

reqids_size(Ids) when is_map(Ids) -> maps:size(Ids).

reqids_to_list(Ids) when is_map(Ids) -> maps:to_list(Ids).

%% badarg for an id already there.
reqids_add(Id, Label, Ids) when is_reference(Id), is_map(Ids), not is_map_key(Id, Ids) ->
    Ids#{Id => Label};
reqids_add(Id, Label, Ids) ->
    erlang:error(badarg, [Id, Label, Ids]).

send_request(Process, Label, Request, ReqLabel, Ids) when is_map(Ids) ->
    Id = send_request(Process, Label, Request),
    Ids#{Id => ReqLabel}.

%% The first answer to any request of the collection: {Response, Label, Ids left}, or
%% no_request for an empty collection, or timeout. receive_response/3 abandons every
%% request of the collection when it times out.
wait_response(Ids, Timeout, Delete) -> collection_reply(Ids, Timeout, Delete, false).

receive_response(Ids, Timeout, Delete) -> collection_reply(Ids, Timeout, Delete, true).

collection_reply(Ids, _Timeout, _Delete, _Abandon) when map_size(Ids) =:= 0 -> no_request;
collection_reply(Ids, Timeout, Delete, Abandon) when is_map(Ids) ->
    T = case Timeout of
            {abs, Abs} -> max(0, Abs - erlang:monotonic_time(millisecond));
            _ -> Timeout
        end,
    receive
        {[alias | Ref], Reply} when is_map_key(Ref, Ids) ->
            erlang:demonitor(Ref, [flush]),
            collected({reply, Reply}, Ref, Ids, Delete);
        {'DOWN', Ref, _, Object, Reason} when is_map_key(Ref, Ids) ->
            collected({error, {Reason, Object}}, Ref, Ids, Delete)
    after T ->
            case Abandon of
                true -> [erlang:demonitor(Ref, [flush]) || Ref <- maps:keys(Ids)];
                false -> ok
            end,
            timeout
    end.

collected(Response, Ref, Ids, true) -> {Response, maps:get(Ref, Ids), maps:remove(Ref, Ids)};
collected(Response, Ref, Ids, false) -> {Response, maps:get(Ref, Ids), Ids}.

check_response(_Msg, Ids, _Delete) when map_size(Ids) =:= 0 -> no_request;
check_response(Msg, Ids, Delete) when is_map(Ids) ->
    case Msg of
        {[alias | Ref], Reply} when is_map_key(Ref, Ids) ->
            erlang:demonitor(Ref, [flush]),
            collected({reply, Reply}, Ref, Ids, Delete);
        {'DOWN', Ref, _, Object, Reason} when is_map_key(Ref, Ids) ->
            collected({error, {Reason, Object}}, Ref, Ids, Delete);
        _ ->
            no_reply
    end.

check_response(Msg, Ref) ->
    case Msg of
        {[alias | Ref], Reply} ->
            erlang:demonitor(Ref, [flush]),
            {reply, Reply};
        {'DOWN', Ref, _, Object, Reason} ->
            {error, {Reason, Object}};
        _ ->
            no_reply
    end.

%% ---------------------------------------------------------------------
%% Stopping

stop(Process) -> stop(Process, normal, infinity).

stop(Process, Reason, Timeout)
  when Timeout =:= infinity; is_integer(Timeout), Timeout >= 0 ->
    Target = case Process of
                 {local, Name} -> Name;
                 {via, Module, Name} ->
                     case Module:whereis_name(Name) of
                         Pid when is_pid(Pid) -> Pid;
                         _ -> exit(noproc)
                     end;
                 {global, Name} ->
                     case global:whereis_name(Name) of
                         Pid when is_pid(Pid) -> Pid;
                         _ -> exit(noproc)
                     end;
                 _ -> Process
             end,
    proc_lib:stop(Target, Reason, Timeout).
