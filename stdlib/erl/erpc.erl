%% erpc: the part another node's erpc:call/4,5 (and so rpc:call/4,5) runs here. Such a call
%% spawns erpc:execute_call(Ref, M, F, A) on this node with a monitor, and reads the
%% result from the exit reason the monitor reports: {Ref, return, Value}, {Ref, throw, R},
%% {Ref, exit, R} or {Ref, error, R, Stack}, as OTP 25 does. erpc:cast/4 (and so
%% rpc:cast/4) spawns erpc:execute_cast(M, F, A), whose result nobody reads.
%%
%% call/4,5 and cast/4 are the calling side, the same way round: the value, or the
%% exception raised again (error:{exception, Reason, Stack}, exit:{exception, Reason}, a
%% throw as it was), or error:{erpc, Reason} when the call could not be made (noconnection,
%% timeout).
-module(erpc).

-export([call/4, call/5, cast/4]).
-export([execute_call/4, execute_cast/3]).

call(Node, M, F, A) -> call(Node, M, F, A, infinity).

call(Node, M, F, A, Timeout) when is_atom(Node), is_atom(M), is_atom(F), is_list(A) ->
    Ref = make_ref(),
    ReqId = erlang:spawn_request(Node, ?MODULE, execute_call, [Ref, M, F, A],
                                 [{reply, error_only}, monitor]),
    receive
        {spawn_reply, ReqId, error, Reason} -> error({erpc, Reason});
        {'DOWN', ReqId, process, _, Result} -> result(Ref, Result)
    after Timeout ->
            erlang:demonitor(ReqId, [flush]),
            error({erpc, timeout})
    end.

result(Ref, {Ref, return, Value}) -> Value;
result(Ref, {Ref, throw, Reason}) -> throw(Reason);
result(Ref, {Ref, exit, Reason}) -> exit({exception, Reason});
result(Ref, {Ref, error, Reason, Stack}) -> error({exception, Reason, Stack});
result(_Ref, noconnection) -> error({erpc, noconnection});
result(_Ref, Other) -> exit({exception, Other}).

cast(Node, M, F, A) when is_atom(Node), is_atom(M), is_atom(F), is_list(A) ->
    _ = erlang:spawn_request(Node, ?MODULE, execute_cast, [M, F, A], [{reply, no}]),
    ok.

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
