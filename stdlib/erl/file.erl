%% file: the file module. get_cwd/0 and set_cwd/1 are built-ins (vm/src/bif/file.rs);
%% loading this module adds the functions below to them.
%%
%% The whole-file and directory operations are done by built-ins of ember_file on the
%% VM's blocking pool, off the schedulers: each returns a reference at once and the
%% answer arrives as a message (prim_file:await/1), so a slow disk holds up only the
%% process that asked.
%%
%% As in OTP 25, an open file is an io device: the pid of an io server (file_io_server)
%% that holds the file, watches the process that opened it and closes the file when that
%% process ends. Reading and writing go through the io protocol, positioning and closing
%% through file requests ({file_request, From, Ref, Request}, answered by
%% {file_reply, Ref, Reply}). The raw mode gives such a device too (OTP gives a raw file
%% handle, usable only by its owner, with no io server); ram files are not here.
-module(file).

-export([open/2, close/1, read/2, read_line/1, write/2, position/2,
         pread/2, pread/3, pwrite/2, pwrite/3, sync/1, datasync/1, truncate/1]).
-export([read_file/1, write_file/2, write_file/3, consult/1, list_dir/1,
         list_dir_all/1, make_dir/1, del_dir/1, delete/1, rename/2, copy/2,
         read_file_info/1, read_file_info/2, read_link_info/1, read_link_info/2]).
-export([copy/3, delete/2, del_dir_r/1, read_link/1, read_link_all/1, make_symlink/2,
         make_link/2, write_file_info/2, write_file_info/3, change_mode/2, change_owner/2,
         change_owner/3, change_group/2, change_time/2, change_time/3, get_cwd/1,
         path_consult/2, path_open/3, format_error/1,
         eval/1, eval/2, script/1, script/2, path_eval/2, path_eval/3,
         path_script/2, path_script/3]).

-include_lib("kernel/include/file.hrl").

read_file(Name) -> prim_file:await(ember_file:read_file(Name)).

write_file(Name, Data) -> write_file(Name, Data, []).

write_file(Name, Data, Modes) -> prim_file:await(ember_file:write_file(Name, Data, Modes)).

consult(Name) -> prim_file:await(ember_file:consult(Name)).

list_dir(Name) -> prim_file:await(ember_file:list_dir(Name)).

list_dir_all(Name) -> list_dir(Name).

make_dir(Name) -> prim_file:await(ember_file:make_dir(Name)).

del_dir(Name) -> prim_file:await(ember_file:del_dir(Name)).

delete(Name) -> prim_file:await(ember_file:delete(Name)).

rename(From, To) -> prim_file:await(ember_file:rename(From, To)).

copy(From, To) -> prim_file:await(ember_file:copy(From, To)).

%% copy/3: at most ByteCount bytes (or infinity). Source and Destination are names, or
%% {Name, Modes} (the modes are not needed to copy between named files).
copy(Source, Destination, ByteCount) ->
    prim_file:await(ember_file:copy(copy_name(Source), copy_name(Destination), ByteCount)).

copy_name({Name, Modes}) when is_list(Modes) -> Name;
copy_name(Name) -> Name.

delete(Name, Opts) when is_list(Opts) -> delete(Name).

%% A directory with everything in it, or a single file.
del_dir_r(Name) -> prim_file:await(ember_file:del_dir_r(Name)).

read_link(Name) -> prim_file:await(ember_file:read_link(Name)).

read_link_all(Name) -> read_link(Name).

make_symlink(Existing, New) -> prim_file:await(ember_file:make_symlink(Existing, New)).

make_link(Existing, New) -> prim_file:await(ember_file:make_link(Existing, New)).

change_mode(Name, Mode) when is_integer(Mode) ->
    write_file_info(Name, #file_info{mode = Mode}).

change_owner(Name, Uid) when is_integer(Uid) ->
    write_file_info(Name, #file_info{uid = Uid}).

change_owner(Name, Uid, Gid) when is_integer(Uid), is_integer(Gid) ->
    write_file_info(Name, #file_info{uid = Uid, gid = Gid}).

change_group(Name, Gid) when is_integer(Gid) ->
    write_file_info(Name, #file_info{gid = Gid}).

change_time(Name, {{_, _, _}, {_, _, _}} = Mtime) ->
    write_file_info(Name, #file_info{mtime = Mtime}).

change_time(Name, {{_, _, _}, {_, _, _}} = Atime, {{_, _, _}, {_, _, _}} = Mtime) ->
    write_file_info(Name, #file_info{atime = Atime, mtime = Mtime}).

write_file_info(Name, #file_info{} = Info) -> write_file_info(Name, Info, []).

%% The mode, the owner and the times of the record, those that are not undefined. As in
%% erl, a missing access time is now, a missing modification time the access time.
write_file_info(Name, #file_info{mode = Mode, uid = Uid, gid = Gid} = Info, Opts) when is_list(Opts) ->
    case file_times(Info, proplists:get_value(time, Opts, local)) of
        {ok, Times} -> prim_file:await(ember_file:write_file_info(Name, Mode, {Uid, Gid}, Times));
        error -> {error, badarg}
    end.

file_times(#file_info{atime = undefined, mtime = undefined}, _Kind) ->
    {ok, {undefined, undefined}};
file_times(#file_info{atime = Atime, mtime = Mtime}, Kind) ->
    A = case Atime of
            undefined -> {ok, os:system_time(second)};
            _ -> posix_time(Atime, Kind)
        end,
    M = case Mtime of
            undefined -> A;
            _ -> posix_time(Mtime, Kind)
        end,
    case {A, M} of
        {{ok, As}, {ok, Ms}} -> {ok, {As, Ms}};
        _ -> error
    end.

%% Local time is taken as universal time, as read_file_info/2 gives it.
posix_time(Secs, posix) when is_integer(Secs) -> {ok, Secs};
posix_time({{Y, Mo, D}, {H, Mi, S}} = DateTime, Kind)
  when (Kind =:= local orelse Kind =:= universal), is_integer(H), H >= 0, H < 24,
       is_integer(Mi), Mi >= 0, Mi < 60, is_integer(S), S >= 0, S < 60 ->
    case calendar:valid_date(Y, Mo, D) of
        true -> {ok, calendar:datetime_to_gregorian_seconds(DateTime) - 62167219200};
        false -> error
    end;
posix_time(_, _) -> error.

%% Drives are a Windows notion.
get_cwd(_Drive) -> {error, einval}.

%% consult/1 of the first File found in the directories of Path (File itself if it is
%% absolute): {ok, Terms, FullName}.
path_consult(Path, File) ->
    case path_find(Path, File, fun(Full) -> consult(Full) end) of
        {{ok, Terms}, Full} -> {ok, Terms, Full};
        {Error, _} -> Error
    end.

%% ---- Evaluating files of expressions --------------------------------------------------

%% Each expression of the file (each ending with a full stop) is evaluated with the
%% bindings the ones before it made. eval/1,2 gives ok, script/1,2 the last value; an error
%% is {error, {Line, Module, Reason}}: erl_scan's or erl_parse's, or {Line, file,
%% {Class, Reason, Stack}} for an exception, Line being where its expression ends.
eval(File) -> eval(File, erl_eval:new_bindings()).

eval(File, Bindings) ->
    case eval_file(File, Bindings) of
        {ok, _} -> ok;
        Error -> Error
    end.

script(File) -> script(File, erl_eval:new_bindings()).

script(File, Bindings) -> eval_file(File, Bindings).

path_eval(Path, File) -> path_eval(Path, File, erl_eval:new_bindings()).

path_eval(Path, File, Bindings) ->
    case path_find(Path, File, fun(Full) -> eval(Full, Bindings) end) of
        {ok, Full} -> {ok, Full};
        {Error, _} -> Error
    end.

path_script(Path, File) -> path_script(Path, File, erl_eval:new_bindings()).

path_script(Path, File, Bindings) ->
    case path_find(Path, File, fun(Full) -> script(Full, Bindings) end) of
        {{ok, Value}, Full} -> {ok, Value, Full};
        {Error, _} -> Error
    end.

eval_file(File, Bindings) ->
    case read_file(File) of
        {ok, Bin} ->
            Text = case unicode:characters_to_list(Bin) of
                       L when is_list(L) -> L;
                       _ -> binary_to_list(Bin)
                   end,
            eval_text(Text, 1, Bindings, none);
        Error ->
            Error
    end.

eval_text(Text, Line, Bindings, Last) ->
    case erl_scan:tokens([], Text, Line) of
        {done, {ok, Tokens, End}, Rest} ->
            case erl_parse:parse_exprs(Tokens) of
                {ok, Exprs} ->
                    try erl_eval:exprs(Exprs, Bindings) of
                        {value, Value, Bindings1} -> eval_text(Rest, End, Bindings1, {value, Value})
                    catch
                        Class:Reason:Stack -> {error, {End, file, {Class, Reason, Stack}}}
                    end;
                Error ->
                    Error
            end;
        {done, {error, Info, _End}, _Rest} ->
            {error, Info};
        {done, {eof, End}, _} ->
            case Last of
                {value, Value} -> {ok, Value};
                none -> {error, {End, file, undefined_script}}
            end;
        {more, _} ->
            case Last of
                {value, Value} when Text =:= [] -> {ok, Value};
                _ -> {error, {Line, file, undefined_script}}
            end
    end.

path_open(Path, File, Modes) ->
    case path_find(Path, File, fun(Full) -> open(Full, Modes) end) of
        {{ok, Fd}, Full} -> {ok, Fd, Full};
        {Error, _} -> Error
    end.

path_find(Path, File, Do) ->
    case filename:pathtype(File) of
        absolute -> {Do(File), File};
        _ -> path_find1(Path, File, Do)
    end.

path_find1([Dir | Dirs], File, Do) ->
    %% As in erl, a file in "." is named without it.
    Full = case Dir of
               "." -> File;
               _ -> filename:join(Dir, File)
           end,
    case Do(Full) of
        {error, enoent} -> path_find1(Dirs, File, Do);
        Result -> {Result, Full}
    end;
path_find1([], _File, _Do) ->
    {{error, enoent}, none}.

format_error({Line, Mod, Reason}) ->
    io_lib:format("~w: ~ts", [Line, Mod:format_error(Reason)]);
format_error(badarg) -> "bad argument";
format_error(system_limit) -> "a system limit was hit, probably not enough ports";
format_error(terminated) -> "the file server process is terminated";
format_error(Reason) -> erl_posix_msg:message(Reason).

read_file_info(Name) -> read_file_info(Name, []).

read_file_info(Name, Opts) -> prim_file:await(ember_file:read_file_info(Name, Opts)).

read_link_info(Name) -> read_link_info(Name, []).

read_link_info(Name, Opts) -> prim_file:await(ember_file:read_link_info(Name, Opts)).

open(File, Modes) when is_list(Modes) ->
    file_io_server:start(self(), File, Modes);
%% The interface of old releases: one atom.
open(File, read) -> open(File, [read]);
open(File, write) -> open(File, [write]);
open(File, read_write) -> open(File, [read, write]);
open(_, _) ->
    {error, badarg}.

close(File) when is_pid(File) ->
    case file_request(File, close) of
        {error, terminated} -> ok;
        Other -> Other
    end;
close(_) ->
    {error, badarg}.

read_line(File) when is_pid(File); is_atom(File) ->
    case io:request(File, {get_line, latin1, ''}) of
        Data when is_list(Data); is_binary(Data) -> {ok, Data};
        Other -> Other
    end;
read_line(_) ->
    {error, badarg}.

read(File, Size) when (is_pid(File) orelse is_atom(File)), is_integer(Size), Size >= 0 ->
    case io:request(File, {get_chars, latin1, '', Size}) of
        Data when is_list(Data); is_binary(Data) -> {ok, Data};
        Other -> Other
    end;
read(_, _) ->
    {error, badarg}.

write(File, Bytes) when is_pid(File); is_atom(File) ->
    try iolist_to_binary(Bytes) of
        Bin -> io:request(File, {put_chars, latin1, Bin})
    catch
        error:_ -> {error, badarg}
    end;
write(_, _) ->
    {error, badarg}.

position(File, At) when is_pid(File) ->
    file_request(File, {position, At});
position(_, _) ->
    {error, badarg}.

pread(File, At, Size) when is_pid(File), is_integer(Size), Size >= 0 ->
    file_request(File, {pread, At, Size});
pread(_, _, _) ->
    {error, badarg}.

pread(File, Locations) when is_pid(File), is_list(Locations) ->
    pread_all(File, Locations, []);
pread(_, _) ->
    {error, badarg}.

pread_all(_File, [], Acc) ->
    {ok, lists:reverse(Acc)};
pread_all(File, [{At, Size} | Rest], Acc) ->
    case pread(File, At, Size) of
        {ok, Data} -> pread_all(File, Rest, [Data | Acc]);
        eof -> pread_all(File, Rest, [eof | Acc]);
        Error -> Error
    end;
pread_all(_File, _, _Acc) ->
    {error, badarg}.

pwrite(File, At, Bytes) when is_pid(File) ->
    file_request(File, {pwrite, At, Bytes});
pwrite(_, _, _) ->
    {error, badarg}.

pwrite(File, Locations) when is_pid(File), is_list(Locations) ->
    pwrite_all(File, Locations, 0);
pwrite(_, _) ->
    {error, badarg}.

pwrite_all(_File, [], _N) ->
    ok;
pwrite_all(File, [{At, Bytes} | Rest], N) ->
    case pwrite(File, At, Bytes) of
        ok -> pwrite_all(File, Rest, N + 1);
        {error, Reason} -> {error, {N, Reason}}
    end;
pwrite_all(_File, _, N) ->
    {error, {N, badarg}}.

sync(File) when is_pid(File) -> file_request(File, sync);
sync(_) -> {error, badarg}.

datasync(File) when is_pid(File) -> file_request(File, datasync);
datasync(_) -> {error, badarg}.

truncate(File) when is_pid(File) -> file_request(File, truncate);
truncate(_) -> {error, badarg}.

file_request(Io, Request) ->
    Ref = erlang:monitor(process, Io),
    Io ! {file_request, self(), Ref, Request},
    receive
        {file_reply, Ref, Reply} ->
            erlang:demonitor(Ref, [flush]),
            Reply;
        {'DOWN', Ref, _, _, _} ->
            {error, terminated}
    end.
