-module(proc_crash_error_link).
-export([main/0, id/1]).

%% Uncaught errors in linked processes.
main() ->
    quiet(),
    Top = self(),
    %% A trapping runner gets {'EXIT', Pid, {Reason, Stack}}.
    spawn(fun() ->
                  process_flag(trap_exit, true),
                  C = spawn_link(fun() -> 1 + ?MODULE:id(an_atom) end),
                  receive {'EXIT', C, {Reason, Stack}} -> Top ! {trapped, Reason, is_list(Stack)} end
          end),
    receive {trapped, R1, S1} -> io:format("trapped: ~p, stack is a list: ~p~n", [R1, S1]) end,
    %% A non-trapping linked runner dies with the same {Reason, Stack}.
    {Runner, Ref} = spawn_monitor(fun() ->
                                          spawn_link(fun() -> erlang:error(deliberate) end),
                                          receive after infinity -> ok end
                                  end),
    receive {'DOWN', Ref, process, Runner, {R2, S2}} -> io:format("linked runner died: ~p ~p~n", [R2, is_list(S2)]) end,
    %% Several linked children failing in different ways, one runner.
    spawn(fun() ->
                  process_flag(trap_exit, true),
                  Fs = [fun() -> hd(?MODULE:id([])) end,
                        fun() -> element(5, ?MODULE:id({1})) end,
                        fun() -> (?MODULE:id(#{}))#{missing := 1} end],
                  Reasons = [begin
                                 C = spawn_link(F),
                                 receive {'EXIT', C, {R, _}} -> R end
                             end || F <- Fs],
                  Top ! {many, Reasons}
          end),
    receive {many, Rs} -> io:format("reasons: ~p~n", [Rs]) end,
    %% The parent of an unlinked crashing child is untouched.
    spawn(fun() -> error(unlinked) end),
    Me = self(),
    spawn(fun() -> Me ! still_here end),
    receive still_here -> io:format("unlinked parent unaffected~n") end,
    ok.

id(X) -> X.

%% erl's logger prints a timestamped report for every process that dies
%% from an uncaught error; switch it off so the output is deterministic.
quiet() -> catch logger:set_primary_config(level, none).
