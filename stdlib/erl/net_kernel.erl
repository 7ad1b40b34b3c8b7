%% net_kernel: the registered process through which other nodes reach this one. It runs
%% only on a distributed node (ember starts it with the node), and answers the
%% authentication question of net_adm:ping/1. Connections themselves are made by the VM's
%% distribution layer, on the first message to a node.
-module(net_kernel).
-behaviour(gen_server).

-export([start_link/0, connect_node/1, get_net_ticktime/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

%% Started by the VM when the node becomes distributed, from a short-lived process: not
%% linked to it.
start_link() ->
    gen_server:start({local, net_kernel}, ?MODULE, [], []).

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
