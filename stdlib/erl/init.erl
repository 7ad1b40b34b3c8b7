%% init: the parts of the init module written in Erlang. The program's arguments are
%% built-ins (vm/src/bif/code.rs); loading this module adds stop/0,1 to them.
-module(init).

-export([stop/0, stop/1]).

stop() -> stop(0).

%% Ends the program (or the shell) as erl's init:stop does: the call returns, and the VM
%% halts once the caller waits (or ends), so that what it does right after still happens,
%% or after at most a tenth of a second if it keeps running.
stop(Status) when is_integer(Status), Status >= 0 ->
    ok = ember_init:halt_pending(),
    Caller = self(),
    spawn(fun() -> halt_when_idle(Caller, Status, 100) end),
    ok;
stop(_Status) ->
    erlang:error(badarg).

halt_when_idle(Caller, Status, 0) ->
    _ = Caller,
    erlang:halt(Status);
halt_when_idle(Caller, Status, N) ->
    case erlang:process_info(Caller, status) of
        {status, S} when S =:= running; S =:= runnable ->
            timer:sleep(1),
            halt_when_idle(Caller, Status, N - 1);
        _ ->
            erlang:halt(Status)
    end.
