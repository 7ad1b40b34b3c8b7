%% Group leaders: a process's standard_io output goes to its group leader, which a new
%% process inherits; group_leader/2 changes it for another process too.
-module(proc_group_leader).
-export([main/0]).

main() ->
    Default = group_leader(),
    io:format("default is a pid: ~p~n", [is_pid(Default)]),
    Cap = spawn(fun() -> capture([]) end),
    Self = self(),
    W = spawn(fun() ->
                      receive go -> ok end,
                      io:format("hello ~p~n", [1]),
                      io:put_chars("chars\n"),
                      io:nl(),
                      io:write({a, b}),
                      io:format(standard_io, "to standard_io~n", []),
                      io:fwrite("fwrite ~s~n", ["x"]),
                      Me = self(),
                      Child = spawn(fun() -> io:format("from the child~n"), Me ! child_done end),
                      receive child_done -> ok end,
                      io:format(user, "", []),
                      Self ! {gl_was, group_leader() =:= Cap, is_pid(Child)}
              end),
    true = group_leader(Cap, W),
    io:format("gl of W: ~p~n", [element(2, process_info(W, group_leader)) =:= Cap]),
    W ! go,
    receive {gl_was, Same, _} -> io:format("W saw its group leader: ~p~n", [Same]) end,
    Cap ! {get, self()},
    receive {captured, Text} -> io:format("captured: ~p~n", [Text]) end,
    io:format("still mine: ~p~n", [group_leader() =:= Default]),
    {'EXIT', {Reason, _}} = (catch group_leader(Cap, list_to_pid("<0.9999.0>"))),
    io:format("~p~n", [Reason]),
    ok.

capture(Acc) ->
    receive
        {io_request, From, Ref, {put_chars, _Enc, Chars}} ->
            From ! {io_reply, Ref, ok},
            capture([Acc, Chars]);
        {io_request, From, Ref, {put_chars, _Enc, M, F, A}} ->
            From ! {io_reply, Ref, ok},
            capture([Acc, apply(M, F, A)]);
        {io_request, From, Ref, _Other} ->
            From ! {io_reply, Ref, {error, enotsup}},
            capture(Acc);
        {get, Pid} ->
            Pid ! {captured, unicode:characters_to_list(Acc)}
    end.
