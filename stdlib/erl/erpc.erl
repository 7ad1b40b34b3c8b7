%% erpc: the part another node's erpc:call/4,5 (and so rpc:call/4,5) runs here. Such a call
%% spawns erpc:execute_call(Ref, M, F, A) on this node with a monitor, and reads the
%% result from the exit reason the monitor reports: {Ref, return, Value}, {Ref, throw, R},
%% {Ref, exit, R} or {Ref, error, R, Stack}, as OTP 25 does. erpc:cast/4 (and so
%% rpc:cast/4) spawns erpc:execute_cast(M, F, A), whose result nobody reads.
-module(erpc).

-export([execute_call/4, execute_cast/3]).

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
