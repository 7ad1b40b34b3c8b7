-module(lib_file_io_owner).
-export([main/0]).

%% A device is a process: any process may use it, it ends when the process that opened
%% it ends (normally or not), and its end closes the file. Writers in several processes
%% share one device. Files live under /tmp/ember_lib_file_io_owner_N.

show(Label, V) -> io:format("~s: ~p~n", [Label, V]).

path(Name) -> get(dir) ++ "/" ++ Name.

main() ->
    put(dir, "/tmp/ember_lib_file_io_owner_" ++ integer_to_list(erlang:system_time(nanosecond))),
    ok = file:make_dir(get(dir)),
    Dir = get(dir),
    owner_ends(Dir, normal),
    owner_ends(Dir, crash),
    owner_ends(Dir, killed),
    shared(Dir),
    monitor_device(Dir),
    not_linked(Dir),
    cleanup(),
    ok.

%% A child opens a file, hands the device over and ends; the device ends with it.
owner_ends(Dir, How) ->
    Top = self(),
    Name = Dir ++ "/owned_" ++ atom_to_list(How),
    Child = spawn(fun() ->
                          {ok, F} = file:open(Name, [write]),
                          ok = file:write(F, "written by the owner\n"),
                          Top ! {device, self(), F},
                          receive
                              stop when How =:= crash -> exit(deliberate);
                              stop -> ok
                          end
                  end),
    F = receive {device, Child, D} -> D end,
    show(io_lib:format("~w: other process writes", [How]), file:write(F, "written by another\n")),
    show(io_lib:format("~w: io:format from another", [How]), io:format(F, "~w~n", [How])),
    Ref = erlang:monitor(process, F),
    case How of
        killed -> exit(Child, kill);
        _ -> Child ! stop
    end,
    Reason = receive {'DOWN', Ref, process, F, R} -> R end,
    show(io_lib:format("~w: device ended with", [How]), Reason),
    show(io_lib:format("~w: write after", [How]), file:write(F, "late\n")),
    show(io_lib:format("~w: close after", [How]), file:close(F)),
    show(io_lib:format("~w: contents", [How]), file:read_file(Name)).

%% Ten processes append lines through one device; every line arrives whole.
shared(Dir) ->
    Name = Dir ++ "/shared",
    {ok, F} = file:open(Name, [write]),
    Top = self(),
    Pids = [spawn(fun() ->
                          [ok = io:format(F, "process ~w line ~w~n", [N, I]) || I <- lists:seq(1, 20)],
                          Top ! {done, self()}
                  end) || N <- lists:seq(1, 10)],
    [receive {done, P} -> ok end || P <- Pids],
    ok = file:close(F),
    {ok, Bin} = file:read_file(Name),
    Lines = string:split(Bin, "\n", all),
    show("shared lines", length(Lines) - 1),
    show("shared lines sorted", lists:sort([L || L <- Lines, L =/= <<>>]) =:=
             lists:sort([iolist_to_binary(io_lib:format("process ~w line ~w", [N, I]))
                         || N <- lists:seq(1, 10), I <- lists:seq(1, 20)])).

%% Closing a device ends its process normally.
monitor_device(Dir) ->
    {ok, F} = file:open(Dir ++ "/mon", [write]),
    Ref = erlang:monitor(process, F),
    ok = file:close(F),
    show("closed device ends with", receive {'DOWN', Ref, process, F, R} -> R end).

%% The opener is not linked to its device: the device's failure does not reach it.
not_linked(Dir) ->
    process_flag(trap_exit, true),
    {ok, F} = file:open(Dir ++ "/nl", [write]),
    show("linked", lists:member(F, element(2, process_info(self(), links)))),
    Ref = erlang:monitor(process, F),
    show("no_translation", try io:put_chars(F, [1024]) catch C:R0 -> {C, R0} end),
    show("device ended with", receive {'DOWN', Ref, process, F, R} -> R end),
    show("exit signal", receive {'EXIT', F, Why} -> Why after 100 -> none end),
    process_flag(trap_exit, false).

cleanup() ->
    {ok, Names} = file:list_dir(get(dir)),
    [file:delete(path(N)) || N <- Names],
    ok = file:del_dir(get(dir)).
