-module(otp_gs_misc).
-export([main/0]).
-export([init/1, handle_call/3, handle_cast/2, format_status/2, start_entered/1,
         register_name/2, unregister_name/1, whereis_name/1, send/2]).

%% Less common gen_server features: a module without handle_info/2 (unexpected
%% messages are dropped), format_status/2 in sys:get_status, asynchronous
%% requests, abcast and multi_call on this node, enter_loop, {via, ...} names.

init(S) -> {ok, S}.

handle_call(get, _From, S) -> {reply, S, S};
handle_call({sleep, T}, _From, S) -> receive after T -> {reply, {slept, T}, S} end;
handle_call(die, _From, _S) -> exit(died).

handle_cast({set, S}, _) -> {noreply, S}.

format_status(normal, [_PDict, S]) -> [{data, [{"Formatted", {secret, length(S)}}]}];
format_status(terminate, [_PDict, S]) -> S.

%% A minimal {via, Module, Name} registry on top of the local registry.
register_name(Name, Pid) ->
    try register(Name, Pid) of true -> yes catch error:_ -> no end.
unregister_name(Name) -> unregister(Name).
whereis_name(Name) ->
    case whereis(Name) of undefined -> undefined; Pid -> Pid end.
send(Name, Msg) ->
    case whereis(Name) of
        undefined -> exit({badarg, {Name, Msg}});
        Pid -> Pid ! Msg, Pid
    end.

start_entered(Tag) ->
    register(entered, self()),
    proc_lib:init_ack({ok, self()}),
    gen_server:enter_loop(?MODULE, [], {entered, Tag}, {local, entered}).

main() ->
    logger:set_primary_config(level, none),
    {ok, P} = gen_server:start_link({local, misc}, ?MODULE, "hidden", []),
    misc ! unexpected,
    io:format("still alive without handle_info: ~p~n", [gen_server:call(misc, get)]),
    {status, _, _, [_, _, _, _, Misc]} = sys:get_status(misc),
    io:format("format_status: ~p~n", [lists:last(Misc)]),
    %% send_request and friends.
    Req1 = gen_server:send_request(misc, get),
    io:format("receive_response: ~p~n", [gen_server:receive_response(Req1, 1000)]),
    Req2 = gen_server:send_request(misc, {sleep, 50}),
    io:format("wait_response (too early): ~p~n", [gen_server:wait_response(Req2, 0)]),
    io:format("wait_response: ~p~n", [gen_server:wait_response(Req2, 1000)]),
    Req3 = gen_server:send_request(misc, get),
    Msg = receive M -> M end,
    io:format("check_response: ~p~n", [gen_server:check_response(Msg, Req3)]),
    io:format("check_response, other message: ~p~n", [gen_server:check_response(other, Req3)]),
    %% abcast and multi_call on the local node.
    io:format("abcast: ~p~n", [gen_server:abcast(misc, {set, "new"})]),
    io:format("multi_call: ~p~n", [gen_server:multi_call(misc, get)]),
    io:format("multi_call, no such name: ~p~n", [gen_server:multi_call(no_such, get)]),
    %% A server that dies while a request is out.
    Req4 = gen_server:send_request(misc, die),
    unlink(P),
    {error, {Reason, Server}} = gen_server:receive_response(Req4, 1000),
    io:format("request to a dying server: ~p ~p~n", [Reason, Server =:= P]),
    %% enter_loop.
    {ok, E} = proc_lib:start(?MODULE, start_entered, [t1]),
    io:format("entered: ~p ~p~n", [gen_server:call(entered, get), E =:= whereis(entered)]),
    gen_server:stop(entered),
    %% {via, Module, Name}.
    Via = {via, ?MODULE, via_name},
    {ok, V} = gen_server:start(Via, ?MODULE, via_state, []),
    io:format("via call: ~p~n", [gen_server:call(Via, get)]),
    gen_server:cast(Via, {set, via_changed}),
    io:format("via after cast: ~p~n", [gen_server:call(Via, get)]),
    io:format("via registered: ~p~n", [whereis(via_name) =:= V]),
    io:format("via again: ~p~n", [case gen_server:start(Via, ?MODULE, x, []) of
                                      {error, {already_started, V}} -> already_started;
                                      O -> O
                                  end]),
    io:format("via stop: ~p~n", [gen_server:stop(Via)]),
    io:format("via missing: ~p~n", [catch gen_server:call({via, ?MODULE, nobody}, get)]),
    ok.
