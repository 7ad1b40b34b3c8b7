%% erpc: the part another node's erpc:call/4,5 (and so rpc:call/4,5) runs here. Such a call
%% spawns erpc:execute_call(Ref, M, F, A) on this node with a monitor, and reads the
%% result from the exit reason the monitor reports: {Ref, return, Value}, {Ref, throw, R},
%% {Ref, exit, R} or {Ref, error, R, Stack}, as OTP 25 does. erpc:cast/4 (and so
%% rpc:cast/4) spawns erpc:execute_cast(M, F, A), whose result nobody reads.
%%
%% The calling side works the same way round. A request id is [MonitorRef | ResultRef],
%% and a collection of them a map MonitorRef => [ResultRef | Label], both as in OTP. A
%% result is the value, or the exception raised again (error:{exception, Reason, Stack},
%% exit:{exception, Reason}, a throw as it was), or error:{erpc, Reason} when the call could
%% not be made (noconnection, timeout) or its arguments are wrong (badarg). Taken from a
%% collection, an exception's reason also carries the label and the collection left:
%% {Reason, Label, Collection}.
-module(erpc).

-export([call/2, call/3, call/4, call/5, cast/2, cast/4,
         multicall/2, multicall/3, multicall/4, multicall/5, multicast/2, multicast/4,
         send_request/2, send_request/4, send_request/6,
         receive_response/1, receive_response/2, receive_response/3,
         wait_response/1, wait_response/2, wait_response/3,
         check_response/2, check_response/3,
         reqids_new/0, reqids_add/3, reqids_size/1, reqids_to_list/1]).
-export([execute_call/4, execute_cast/3]).

%% ---- One call -------------------------------------------------------------------------

call(Node, Fun) -> call(Node, Fun, infinity).

call(Node, Fun, Timeout) when is_function(Fun, 0) -> call(Node, erlang, apply, [Fun, []], Timeout);
call(_Node, _Fun, _Timeout) -> badarg().

call(Node, M, F, A) -> call(Node, M, F, A, infinity).

%% A call on this node with no timeout runs in the calling process, as in erl.
call(Node, M, F, A, infinity) when Node =:= node() ->
    mfa(Node, M, F, A),
    try apply(M, F, A)
    catch
        throw:Value -> throw(Value);
        exit:Reason -> exit({exception, Reason});
        error:Reason:Stack -> erlang:error({exception, Reason, Stack})
    end;
call(Node, M, F, A, Timeout) ->
    timeout(Timeout),
    ReqId = send_request(Node, M, F, A),
    receive_response(ReqId, Timeout).

%% (What is not a fun of no arguments fails there, as in erl.)
cast(Node, Fun) -> cast(Node, erlang, apply, [Fun, []]).

cast(Node, M, F, A) ->
    mfa(Node, M, F, A),
    _ = erlang:spawn_request(Node, ?MODULE, execute_cast, [M, F, A], [{reply, no}]),
    ok.

%% ---- Many nodes -----------------------------------------------------------------------

multicall(Nodes, Fun) -> multicall(Nodes, Fun, infinity).

multicall(Nodes, Fun, Timeout) when is_function(Fun, 0) ->
    multicall(Nodes, erlang, apply, [Fun, []], Timeout);
multicall(_Nodes, _Fun, _Timeout) -> badarg().

multicall(Nodes, M, F, A) -> multicall(Nodes, M, F, A, infinity).

%% One result per node, in the order of Nodes: {ok, Value}, {throw, Value},
%% {exit, {exception, Reason}}, {error, {exception, Reason, Stack}} or {error, {erpc, Why}}.
multicall(Nodes, M, F, A, Timeout) ->
    nodes_list(Nodes),
    timeout(Timeout),
    ReqIds = [send_request(Node, M, F, A) || Node <- Nodes],
    Deadline = case Timeout of
                   infinity -> infinity;
                   _ -> erlang:monotonic_time(millisecond) + Timeout
               end,
    [multicall_result(ReqId, Deadline) || ReqId <- ReqIds].

multicall_result(ReqId, Deadline) ->
    Left = case Deadline of
               infinity -> infinity;
               _ -> max(0, Deadline - erlang:monotonic_time(millisecond))
           end,
    case await(ReqId, Left) of
        timeout ->
            abandon(ReqId),
            {error, {erpc, timeout}};
        {value, Value} -> {ok, Value};
        {Class, Reason} -> {Class, Reason}
    end.

multicast(Nodes, Fun) when is_function(Fun, 0) -> multicast(Nodes, erlang, apply, [Fun, []]);
multicast(_Nodes, _Fun) -> badarg().

multicast(Nodes, M, F, A) ->
    nodes_list(Nodes),
    mfa(node(), M, F, A),
    [cast(Node, M, F, A) || Node <- Nodes],
    ok.

%% ---- Requests -------------------------------------------------------------------------

send_request(Node, Fun) when is_function(Fun, 0) -> send_request(Node, erlang, apply, [Fun, []]);
send_request(_Node, _Fun) -> badarg().

%% send_request(Node, Fun, Label, Requests) adds the request to a collection.
send_request(Node, Fun, Label, Requests) when is_function(Fun, 0) ->
    reqids_add(send_request(Node, Fun), Label, Requests);
send_request(Node, M, F, A) ->
    mfa(Node, M, F, A),
    Ref = make_ref(),
    Monitor = erlang:spawn_request(Node, ?MODULE, execute_call, [Ref, M, F, A],
                                   [{reply, error_only}, monitor]),
    [Monitor | Ref].

send_request(Node, M, F, A, Label, Requests) ->
    reqids_add(send_request(Node, M, F, A), Label, Requests).

receive_response(ReqId) -> receive_response(ReqId, infinity).

receive_response([Monitor | Ref] = ReqId, Timeout) when is_reference(Monitor), is_reference(Ref) ->
    timeout(Timeout),
    case await(ReqId, Timeout) of
        timeout ->
            abandon(ReqId),
            erlang:error({erpc, timeout});
        Result ->
            raise(Result)
    end;
receive_response(_ReqId, _Timeout) -> badarg().

%% The first result of a collection's requests: {Value, Label, Left}, or no_request if it
%% is empty; an exception carries the label and what is left.
receive_response(Requests, Timeout, Delete) when is_map(Requests) ->
    timeout(Timeout),
    case await_any(Requests, Timeout, Delete) of
        no_request -> no_request;
        timeout -> erlang:error({erpc, timeout});
        {Result, Label, Left} -> {raise(Result, Label, Left), Label, Left}
    end;
receive_response(_Requests, _Timeout, _Delete) -> badarg().

wait_response(ReqId) -> wait_response(ReqId, 0).

wait_response([Monitor | Ref] = ReqId, Timeout) when is_reference(Monitor), is_reference(Ref) ->
    timeout(Timeout),
    case await(ReqId, Timeout) of
        timeout -> no_response;
        Result -> {response, raise(Result)}
    end;
wait_response(_ReqId, _Timeout) -> badarg().

wait_response(Requests, Timeout, Delete) when is_map(Requests) ->
    timeout(Timeout),
    case await_any(Requests, Timeout, Delete) of
        no_request -> no_request;
        timeout -> no_response;
        {Result, Label, Left} -> {{response, raise(Result, Label, Left)}, Label, Left}
    end;
wait_response(_Requests, _Timeout, _Delete) -> badarg().

check_response(Msg, [Monitor | Ref] = ReqId) when is_reference(Monitor), is_reference(Ref) ->
    case message_result(Msg, ReqId) of
        no_response -> no_response;
        Result -> {response, raise(Result)}
    end;
check_response(_Msg, _ReqId) -> badarg().

check_response(Msg, Requests, Delete) when is_map(Requests) ->
    case Msg of
        _ when map_size(Requests) =:= 0 -> no_request;
        {spawn_reply, Monitor, error, _} -> check_one(Msg, Monitor, Requests, Delete);
        {'DOWN', Monitor, process, _, _} -> check_one(Msg, Monitor, Requests, Delete);
        _ -> no_response
    end;
check_response(_Msg, _Requests, _Delete) -> badarg().

check_one(Msg, Monitor, Requests, Delete) ->
    case Requests of
        #{Monitor := [Ref | Label]} ->
            Left = left(Monitor, Requests, Delete),
            Result = message_result(Msg, [Monitor | Ref]),
            {{response, raise(Result, Label, Left)}, Label, Left};
        #{} ->
            no_response
    end.

%% ---- Collections ----------------------------------------------------------------------

reqids_new() -> #{}.

reqids_add([Monitor | Ref], Label, Requests)
  when is_reference(Monitor), is_reference(Ref), is_map(Requests), not is_map_key(Monitor, Requests) ->
    Requests#{Monitor => [Ref | Label]};
reqids_add(_ReqId, _Label, _Requests) -> badarg().

reqids_size(Requests) when is_map(Requests) -> map_size(Requests);
reqids_size(_Requests) -> badarg().

reqids_to_list(Requests) when is_map(Requests) ->
    [{[Monitor | Ref], Label} || {Monitor, [Ref | Label]} <- maps:to_list(Requests)];
reqids_to_list(_Requests) -> badarg().

%% ---- Waiting --------------------------------------------------------------------------

%% The result of a request: {value, V}, {Class, Reason} as it is to be raised, or timeout.
await([Monitor | Ref], Timeout) ->
    receive
        {spawn_reply, Monitor, error, Reason} -> {error, {erpc, Reason}};
        {'DOWN', Monitor, process, _, Exit} -> result(Ref, Exit)
    after Timeout ->
            timeout
    end.

await_any(Requests, _Timeout, _Delete) when map_size(Requests) =:= 0 -> no_request;
await_any(Requests, Timeout, Delete) ->
    receive
        {spawn_reply, Monitor, error, Reason} when is_map_key(Monitor, Requests) ->
            [_ | Label] = maps:get(Monitor, Requests),
            {{error, {erpc, Reason}}, Label, left(Monitor, Requests, Delete)};
        {'DOWN', Monitor, process, _, Exit} when is_map_key(Monitor, Requests) ->
            [Ref | Label] = maps:get(Monitor, Requests),
            {result(Ref, Exit), Label, left(Monitor, Requests, Delete)}
    after Timeout ->
            timeout
    end.

left(Monitor, Requests, true) -> maps:remove(Monitor, Requests);
left(_Monitor, Requests, false) -> Requests.

message_result({spawn_reply, Monitor, error, Reason}, [Monitor | _]) -> {error, {erpc, Reason}};
message_result({'DOWN', Monitor, process, _, Exit}, [Monitor | Ref]) -> result(Ref, Exit);
message_result(_Msg, _ReqId) -> no_response.

%% A request given up: its answer, should it come, is dropped.
abandon([Monitor | _]) ->
    erlang:demonitor(Monitor, [flush]),
    ok.

result(Ref, {Ref, return, Value}) -> {value, Value};
result(Ref, {Ref, throw, Reason}) -> {throw, Reason};
result(Ref, {Ref, exit, Reason}) -> {exit, {exception, Reason}};
result(Ref, {Ref, error, Reason, Stack}) -> {error, {exception, Reason, Stack}};
result(_Ref, noconnection) -> {error, {erpc, noconnection}};
result(_Ref, Other) -> {exit, {exception, Other}}.

raise({value, Value}) -> Value;
raise({Class, Reason}) -> erlang:raise(Class, Reason, []).

raise({value, Value}, _Label, _Left) -> Value;
raise({Class, Reason}, Label, Left) -> erlang:raise(Class, {Reason, Label, Left}, []).

%% ---- Arguments ------------------------------------------------------------------------

badarg() -> erlang:error({erpc, badarg}).

mfa(Node, M, F, A) when is_atom(Node), is_atom(M), is_atom(F), is_list(A) -> ok;
mfa(_Node, _M, _F, _A) -> badarg().

nodes_list(Nodes) ->
    case is_proper(Nodes) andalso lists:all(fun erlang:is_atom/1, Nodes) of
        true -> ok;
        false -> badarg()
    end.

is_proper([_ | T]) -> is_proper(T);
is_proper([]) -> true;
is_proper(_) -> false.

timeout(infinity) -> ok;
timeout(T) when is_integer(T), T >= 0, T =< 4294967295 -> ok;
timeout(_) -> badarg().

%% ---- The called side ------------------------------------------------------------------

execute_call(Ref, M, F, A) ->
    Result =
        try
            {Ref, return, apply(M, F, A)}
        catch
            throw:Reason -> {Ref, throw, Reason};
            exit:Reason -> {Ref, exit, Reason};
            error:Reason:Stack -> {Ref, error, Reason, caller_stack(Stack)}
        end,
    exit(Result).

execute_cast(M, F, A) ->
    _ = apply(M, F, A),
    ok.

%% The stack as the caller would see it: without this module's frames.
caller_stack(Stack) ->
    [Frame || Frame <- Stack, element(1, Frame) =/= ?MODULE].
