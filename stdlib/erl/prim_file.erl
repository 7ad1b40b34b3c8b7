%% prim_file: raw files, the layer under file devices (file_io_server). close/1 is a
%% built-in (vm/src/bif/file.rs); the operations that may block are done by built-ins of
%% ember_file on the VM's blocking pool, off the schedulers. Each returns a reference at
%% once, or its answer when the arguments are wrong, and await/1 waits for the answer.
-module(prim_file).

-export([open/2, read/2, write/2, position/2, truncate/1, sync/1, datasync/1]).
%% For file: waits for the answer of an ember_file built-in.
-export([await/1]).

open(Name, Modes) -> await(ember_file:open(Name, Modes)).

read(Handle, Size) -> await(ember_file:read(Handle, Size)).

write(Handle, Bytes) -> await(ember_file:write(Handle, Bytes)).

position(Handle, At) -> await(ember_file:position(Handle, At)).

truncate(Handle) -> await(ember_file:truncate(Handle)).

sync(Handle) -> await(ember_file:sync(Handle)).

datasync(Handle) -> await(ember_file:datasync(Handle)).

%% A reference: the work is under way; its answer comes as {Ref, Answer}, or as
%% {Ref, internal_error, Name} if the built-in's work failed inside the VM. Anything else
%% is the answer itself, given at once.
await(Ref) when is_reference(Ref) ->
    receive
        {Ref, Answer} -> Answer;
        {Ref, internal_error, Name} -> erlang:error({internal_error, Name})
    end;
await(Answer) ->
    Answer.
