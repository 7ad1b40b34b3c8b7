%% net_kernel: the registered process through which other nodes reach this one. It runs
%% only on a distributed node (ember starts it with the node), and answers the
%% authentication question of net_adm:ping/1. Connections themselves are made by the VM's
%% distribution layer, on the first message to a node. start/1,2 make a running node
%% distributed, as --sname and --name do at start-up.
-module(net_kernel).
-behaviour(gen_server).

-export([start/1, start/2, start_link/0, connect_node/1, get_net_ticktime/0,
         standard_io_server/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

%% Started by the VM when the node becomes distributed, from a short-lived process (so
%% not linked to it), with the node's other servers: rex (ember_rex), and the standard io server.
start_link() ->
    {ok, _} = ember_rex:start_link(),
    register(ember_standard_io, spawn(?MODULE, standard_io_server, [])),
    gen_server:start({local, net_kernel}, ?MODULE, [], []).

%% The standard group leader as a process, for other nodes. Here it is a pseudo pid that
%% the io built-ins write through to standard output; io requests that other nodes send
%% to it (from a function that rpc runs there with this node's group leader) come to this
%% server, which does them as the built-ins would.
standard_io_server() ->
    receive
        {io_request, From, ReplyAs, Request} when is_pid(From) ->
            From ! {io_reply, ReplyAs, io:request(standard_io, Request)};
        _ -> ok
    end,
    standard_io_server().

%% start([Name]) or start([Name, shortnames | longnames]) (long names by default, as in
%% OTP), and start(Name, #{name_domain => shortnames | longnames}): {ok, Pid} with the
%% net_kernel process, or {error, Reason}.
start([Name]) -> start([Name, longnames]);
start([Name, Domain | _]) when is_atom(Name), (Domain =:= shortnames orelse Domain =:= longnames) ->
    start(Name, #{name_domain => Domain}).

start(Name, Options) when is_atom(Name), is_map(Options) ->
    case whereis(net_kernel) of
        undefined ->
            Long = maps:get(name_domain, Options, longnames) =:= longnames,
            Ref = ember_dist:start(Name, Long),
            receive
                {Ref, ok} -> {ok, whereis(net_kernel)};
                {Ref, {error, Why}} -> {error, Why}
            end;
        Pid ->
            {error, {already_started, Pid}}
    end.

%% true if Node answers (connecting to it if needed), false if not; ignored when this
%% node is not distributed.
connect_node(Node) when is_atom(Node) ->
    case is_alive() of
        false -> ignored;
        true -> net_adm:ping(Node) =:= pong
    end.

get_net_ticktime() -> 60.

init([]) -> {ok, #{}}.

handle_call({is_auth, _Node}, _From, State) -> {reply, yes, State};
handle_call(_Request, _From, State) -> {reply, {error, unsupported}, State}.

handle_cast(_Msg, State) -> {noreply, State}.

handle_info(_Msg, State) -> {noreply, State}.
