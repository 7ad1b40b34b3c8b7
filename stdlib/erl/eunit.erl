%% eunit: finding and running EUnit tests, with the test representation, process model
%% and non-verbose output (texts, failure terms, summary) of OTP 25's EUnit. The macros
%% are in stdlib/include/eunit.hrl.
%%
%% test/1,2 take a module, a list of them or any other test representation: funs,
%% {Line, Fun}, {test, M, F}, {M, F}, {generator, Fun}, {generator, M, F}, {with, X, Funs},
%% {Title, Tests}, deep lists, {module, M}, {application, App, Info}, {file, "m.beam"},
%% {spawn, Tests}, {timeout, Seconds, Tests}, {inorder, Tests}, {inparallel, Tests},
%% {inparallel, N, Tests}, and the setup, foreach and foreachx fixtures with their Where
%% (local or spawn). A module's tests are its exported *_test/0 functions and the tests
%% made by its *_test_/0 generators, then those of Module_tests if that module exists.
%% Tests run as in OTP: one after another in the process of their group, a new process
%% for {spawn, ...}, for the tests of a spawn fixture and for each test of an inparallel
%% set; a test over its time limit (5 s unless a timeout says otherwise) is killed with
%% the process it runs in, which cancels the tests still to come in that process. A test
%% representation that cannot be used (a generator that fails or returns no test, a
%% missing module or function, a bad descriptor) stops the whole run, as in OTP.
%%
%% run_for_ember/1 is the entry of `ember test`: it runs eunit:test/1 on the given modules,
%% leaving out Name_tests when Name is given too (it runs with Name), and returns
%% {Passed, Failed}, where Failed also counts skipped tests and cancellations.
%%
%% Deliberately different from OTP:
%% - Stack traces of failed tests (and the one inside the failure term of assertException
%%   and assertNotException) show, after the test's own frames, the frames of OTP's
%%   runner processes (eunit_proc, eunit_test) that OTP 25 prints at that place, cut to
%%   OTP's depth of 8, so that the text is the same. Traces of failed generators show
%%   the frames of OTP's test reader in the same way; those of setup, cleanup and
%%   instantiation show the user's frames only, as OTP does.
%% - A test that timed out is shown with the function it was running (from
%%   process_info current_function) when the VM cannot give its current stack trace.
%% - The tests of an inparallel set run one after another, each in its own process.
%% - Options are accepted but ignored: there is no verbose mode, no surefire report and
%%   no event listener. {dir, Path}, {application, App} without its module list, node
%%   fixtures (their setup fails with exit:not_alive, as on a node that is not alive) and
%%   remote {spawn, Node, Tests} (run locally) depend on files or distribution.
-module(eunit).

-export([test/1, test/2, run_for_ember/1]).

%% How long a test may run unless told otherwise, in milliseconds.
-define(DEFAULT_TIMEOUT, 5000).

%% The depth OTP cuts stack traces to.
-define(BACKTRACE_DEPTH, 8).

%% ---------------------------------------------------------------------
%% Entry points

test(Spec) ->
    test(Spec, []).

test(Spec, Options) when is_list(Options) ->
    {_Passed, Failed, Skipped, Cancelled} = run(Spec),
    case Failed + Skipped + Cancelled of
        0 -> ok;
        _ -> error
    end.

run_for_ember(Modules) when is_list(Modules) ->
    {Passed, Failed, Skipped, Cancelled} = run(dedup_modules(Modules)),
    {Passed, Failed + Skipped + Cancelled}.

%% Modules without repeats, and without Name_tests when Name is there too.
dedup_modules(Modules) ->
    Unique = unique(Modules, []),
    [M || M <- Unique,
          not (is_atom(M) andalso lists:member(tests_base(M), Unique))].

unique([M | Ms], Seen) ->
    case lists:member(M, Seen) of
        true -> unique(Ms, Seen);
        false -> [M | unique(Ms, [M | Seen])]
    end;
unique([], _) -> [].

%% For a module named Name_tests, Name (as an atom); otherwise none.
tests_base(M) ->
    S = atom_to_list(M),
    case lists:suffix("_tests", S) of
        true -> list_to_atom(lists:sublist(S, length(S) - 6));
        false -> none
    end.

%% Runs the tests of Spec, prints the report and returns the counts.
run(Spec) ->
    Reporter = spawn_reporter(),
    Ctx = #{reporter => Reporter, watcher => self(), group_timeout => false,
            local_setup => false, own_process => false},
    Root = fun (C) -> run_items(iter(Spec), C) end,
    _ = run_process_group(Root, undefined, none, Ctx),
    Reporter ! {finish, self()},
    receive
        {counts, Reporter, Counts} -> Counts
    end.

%% ---------------------------------------------------------------------
%% Reporting
%%
%% One process prints everything and keeps the counts. Reports are synchronous, so that
%% what a process reports is printed before anything it does afterwards.

spawn_reporter() ->
    spawn(fun () -> reporter_loop({0, 0, 0, 0}, false) end).

%% Counts: {Passed, Failed, Skipped, Cancelled}, where Cancelled counts the tests that
%% timed out or were cut short and the fixtures and test representations that failed;
%% AnyCancel tells whether anything at all was cancelled.
reporter_loop({Passed, Failed, Skipped, Cancelled} = Counts, AnyCancel) ->
    receive
        {report, From, Ref, Event} ->
            {Text, P, F, S, C} = event(Event),
            case Text of
                [] -> ok;
                _ -> io:put_chars(Text)
            end,
            From ! {reported, Ref},
            Cancel = case Event of
                         {group_cancelled, _} -> true;
                         {group_timed_out, _, _} -> true;
                         _ -> C > 0
                     end,
            reporter_loop({Passed + P, Failed + F, Skipped + S, Cancelled + C},
                          AnyCancel orelse Cancel);
        {finish, From} ->
            io:put_chars(summary(Counts, AnyCancel)),
            Counted = case AnyCancel andalso Cancelled =:= 0 of
                          true -> 1;
                          false -> Cancelled
                      end,
            From ! {counts, self(), {Passed, Failed, Skipped, Counted}}
    end.

report(Ctx, Event) ->
    Reporter = maps:get(reporter, Ctx),
    Ref = make_ref(),
    Reporter ! {report, self(), Ref, Event},
    receive
        {reported, Ref} -> ok
    end.

%% The text of an event and what it adds to the passed, failed, skipped and cancelled
%% counts.
event(passed) ->
    {[], 1, 0, 0, 0};
event({failed, Desc, Class, Reason, Frames, Output}) ->
    {[Desc, "...*failed*\n", format_exception(Class, Reason, Frames),
      "  output:<<\"", Output, "\">>\n\n"], 0, 1, 0, 0};
event({did_not_run, Desc, Why}) ->
    {[Desc, "...*did not run*\n::", Why, "\n"], 0, 0, 1, 0};
event({test_timed_out, Desc, Frames}) ->
    {[Desc, "...*timed out*\n", format_stack(Frames)], 0, 0, 0, 1};
event({test_skipped, Desc}) ->
    {[Desc, "...*skipped*\n"], 0, 0, 0, 1};
event({group_timed_out, Desc, Frames}) ->
    {[Desc, "\n*timed out*\n", format_stack(Frames)], 0, 0, 0, 0};
event({group_cancelled, Desc}) ->
    {[Desc, "\n"], 0, 0, 0, 0};
event({group_aborted, Desc, Message, Detail}) ->
    {[Desc, "\n*** ", Message, " ***\n**", Detail, "\n\n"], 0, 0, 0, 1}.

summary({Passed, 0, 0, _}, false) ->
    case Passed of
        0 -> "  There were no tests to run.\n";
        1 -> "  Test passed.\n";
        2 -> "  2 tests passed.\n";
        N -> io_lib:format("  All ~w tests passed.\n", [N])
    end;
summary({Passed, Failed, Skipped, _}, AnyCancel) ->
    ["=======================================================\n",
     io_lib:format("  Failed: ~w.  Skipped: ~w.  Passed: ~w.\n",
                   [Failed, Skipped, Passed]),
     case AnyCancel of
         true -> "One or more tests were cancelled.\n";
         false -> []
     end].

%% ---------------------------------------------------------------------
%% Formatting exceptions and stack traces

format_exception(Class, Reason, Frames) ->
    [format_stack(Frames), "**", atom_to_list(Class), ":",
     io_lib:format("~tP", [Reason, 20]), "\n"].

format_stack(Frames) ->
    format_frames(Frames, "in function ").

format_frames([Frame | Frames], Prefix) ->
    [format_frame(Frame, Prefix) | format_frames(Frames, "in call from ")];
format_frames([], _) ->
    [].

format_frame({M, F, ArityOrArgs, Loc}, Prefix) ->
    Arity = case ArityOrArgs of
                Args when is_list(Args) -> length(Args);
                N -> N
            end,
    Where = case {lists:keyfind(file, 1, Loc), lists:keyfind(line, 1, Loc)} of
                {{file, File}, {line, Line}} ->
                    io_lib:format(" (~ts, line ~w)", [File, Line]);
                _ -> ""
            end,
    [io_lib:format("~ts~w:~tw/~w", [Prefix, M, F, Arity]), Where, "\n",
     case ArityOrArgs of
         Args1 when is_list(Args1) -> ["  called as ", call_text(M, F, Args1), "\n"];
         _ -> []
     end];
format_frame(Other, Prefix) ->
    io_lib:format("~ts~tp\n", [Prefix, Other]).

call_text(erlang, F, [A, B]) when is_atom(F) ->
    case is_operator(F, 2) of
        true -> io_lib:format("~tP ~ts ~tP", [A, 15, atom_to_list(F), B, 15]);
        false -> plain_call_text(F, [A, B])
    end;
call_text(erlang, F, [A]) when is_atom(F) ->
    case is_operator(F, 1) of
        true -> io_lib:format("~ts ~tP", [atom_to_list(F), A, 15]);
        false -> plain_call_text(F, [A])
    end;
call_text(_, F, Args) ->
    plain_call_text(F, Args).

plain_call_text(F, Args) ->
    [io_lib:format("~tw(", [F]),
     lists:join(",", [io_lib:format("~tP", [A, 15]) || A <- Args]),
     ")"].

is_operator(F, 2) ->
    lists:member(F, ['+', '-', '*', '/', 'div', 'rem', 'band', 'bor', 'bxor', 'bsl',
                     'bsr', 'and', 'or', 'xor', '==', '/=', '=:=', '=/=', '<', '=<',
                     '>', '>=', '++', '--', '!']);
is_operator(F, 1) ->
    lists:member(F, ['-', '+', 'bnot', 'not']).

%% The frames of a stack trace that belong to the code under test: those above the
%% first frame of this module.
user_frames([{?MODULE, _, _, _} | _]) -> [];
user_frames([Frame | Frames]) -> [Frame | user_frames(Frames)];
user_frames([]) -> [].

%% The frames to show for a test's exception: its own frames followed by those of OTP's
%% runner at the same place. A trace that never reached the runner (one given to
%% erlang:raise/3) is shown as it is.
test_frames(Stack, Test, Ctx) ->
    User = user_frames(Stack),
    case length(User) < length(Stack) orelse length(Stack) >= ?BACKTRACE_DEPTH of
        true -> lists:sublist(User ++ runner_frames(Test, Ctx), ?BACKTRACE_DEPTH);
        false -> Stack
    end.

runner_frames(Test, Ctx) ->
    Wrapper = case maps:get(kind, Test) of
                  mf -> [otp_frame(eunit_test, '-mf_wrapper/2-fun-0-', 2, 273)];
                  _ -> []
              end,
    Common = [otp_frame(eunit_test, run_testfun, 1, 71),
              otp_frame(eunit_proc, run_test, 1, 531),
              otp_frame(eunit_proc, with_timeout, 3, 356),
              otp_frame(eunit_proc, handle_test, 2, 514)],
    Group = case maps:get(own_process, Ctx) of
                true ->
                    [otp_frame(eunit_proc, child_process, 2, 374)];
                false ->
                    GroupTimeoutLine = case maps:get(group_timeout, Ctx) of
                                           true -> 356;
                                           false -> 346
                                       end,
                    [otp_frame(eunit_proc, tests_inorder, 3, 456),
                     otp_frame(eunit_proc, with_timeout, 3, GroupTimeoutLine)]
                    ++ case maps:get(local_setup, Ctx) of
                           true -> [otp_frame(eunit_test, enter_context, 4, 346)];
                           false -> []
                       end
                    ++ [otp_frame(eunit_proc, run_group, 2, 570),
                        otp_frame(eunit_proc, tests_inorder, 3, 456),
                        otp_frame(eunit_proc, with_timeout, 3, 346),
                        otp_frame(eunit_proc, run_group, 2, 570),
                        otp_frame(eunit_proc, child_process, 2, 374)]
            end,
    Wrapper ++ Common ++ Group.

otp_frame(M, F, A, Line) ->
    {M, F, A, [{file, atom_to_list(M) ++ ".erl"}, {line, Line}]}.

%% ---------------------------------------------------------------------
%% Descriptions

test_desc(Test) ->
    M = maps:get(module, Test),
    Line = case maps:get(line, Test) of
               L when is_integer(L), L > 0 -> io_lib:format(":~w", [L]);
               _ -> ""
           end,
    Title = case maps:get(title, Test) of
                undefined -> "";
                T -> [" (", title_text(T), ")"]
            end,
    [io_lib:format("~w", [M]), Line, ": ", name_text(maps:get(name, Test)), Title].

name_text(Name) when is_atom(Name) -> atom_to_list(Name);
name_text(Name) -> io_lib:format("~tp", [Name]).

title_text(T) when is_list(T); is_binary(T) -> io_lib:format("~ts", [T]);
title_text(T) -> io_lib:format("~tp", [T]).

group_desc(undefined) -> "undefined";
group_desc(Title) -> title_text(Title).

%% M:F/A of a fun, as OTP names generators and instantiators.
fun_text(F) ->
    {module, M} = erlang:fun_info(F, module),
    {name, N} = erlang:fun_info(F, name),
    {arity, A} = erlang:fun_info(F, arity),
    io_lib:format("~w:~tw/~w", [M, N, A]).

%% ---------------------------------------------------------------------
%% Parsing test representations
%%
%% An iterator is a list of representations still to be read. next/1 returns the next
%% test or group, reading generators and modules as it meets them. A representation that
%% cannot be used is thrown as {eunit_abort, Message, Detail}.

iter(Spec) -> [Spec].

next([]) ->
    none;
next([Spec | Rest]) ->
    case parse(Spec) of
        skip -> next(Rest);
        {more, Specs} -> next(Specs ++ Rest);
        Item -> {Item, Rest}
    end.

abort(Message, Detail) ->
    throw({eunit_abort, Message, Detail}).

bad(Spec) ->
    abort("bad test descriptor", io_lib:format("~tP", [Spec, 20])).

parse({generated, What, Name, Tests}) -> generated(What, Name, Tests);
parse({'$eunit_test', T}) -> {test, T};
parse([]) -> skip;
parse([C | _] = Path) when is_integer(C) ->
    case is_string(Path) of
        true -> parse({file, Path});
        false -> bad(Path)
    end;
parse([H | T]) -> {more, [H, T]};
parse(F) when is_function(F) ->
    case erlang:fun_info(F, arity) of
        {arity, 0} -> {test, fun_test(F, 0)};
        _ -> bad(F)
    end;
parse({Line, F}) when is_integer(Line), Line >= 0, is_function(F) ->
    case erlang:fun_info(F, arity) of
        {arity, 0} -> {test, fun_test(F, Line)};
        _ -> bad({Line, F})
    end;
parse({Line, {test, M, F}}) when is_integer(Line), Line >= 0, is_atom(M), is_atom(F) ->
    {test, mf_test(M, F, Line)};
parse({Line, {M, F}}) when is_integer(Line), Line >= 0, is_atom(M), is_atom(F) ->
    {test, mf_test(M, F, Line)};
parse({test, M, F}) when is_atom(M), is_atom(F) ->
    {test, mf_test(M, F, 0)};
parse({generator, F}) when is_function(F) ->
    case erlang:fun_info(F, arity) of
        {arity, 0} -> generate(F, fun_text(F), 'fun');
        {arity, A} ->
            {module, M} = erlang:fun_info(F, module),
            {name, N} = erlang:fun_info(F, name),
            bad({generator, F, {M, N, A}})
    end;
parse({generator, M, F}) when is_atom(M), is_atom(F) ->
    case function_exists(M, F, 0) of
        true ->
            generate(fun () -> M:F() end, io_lib:format("~w:~tw/0", [M, F]), mf);
        false ->
            abort(io_lib:format("no such function: ~w:~tw/0", [M, F]), "")
    end;
parse({with, X, Fs} = Spec) when is_list(Fs) ->
    case lists:all(fun (F) -> is_function(F, 1) end, Fs) of
        true -> {more, [with_test(F, X) || F <- Fs]};
        false -> bad(Spec)
    end;
parse({module, M}) when is_atom(M) ->
    module_group(M);
parse({application, App, Info}) when is_list(Info) ->
    case lists:keyfind(modules, 1, Info) of
        {modules, Ms} when is_list(Ms) -> {more, [{module, M} || M <- Ms]};
        _ -> bad({application, App, Info})
    end;
parse({file, Name}) when is_list(Name) ->
    case filename:extension(Name) of
        Ext when Ext =:= ".beam"; Ext =:= ".erl" ->
            {more, [{module, list_to_atom(filename:rootname(filename:basename(Name)))}]};
        _ ->
            abort("error reading file", ["no such file or directory: ", Name])
    end;
parse({spawn, Tests}) ->
    spawn_group(Tests);
parse({spawn, Node, Tests}) when is_atom(Node) ->
    spawn_group(Tests);
parse({timeout, T, Tests}) when is_number(T), T >= 0 ->
    collapse(#{timeout => round(T * 1000)}, Tests);
parse({timeout, infinity, Tests}) ->
    collapse(#{timeout => infinity}, Tests);
parse({inorder, Tests}) ->
    collapse(#{order => inorder}, Tests);
parse({inparallel, Tests}) ->
    collapse(#{order => inparallel}, Tests);
parse({inparallel, N, Tests}) when is_integer(N), N >= 0 ->
    collapse(#{order => inparallel}, Tests);
parse({setup, S, I}) when is_function(S) ->
    setup_group(spawn, S, fun (_) -> ok end, I, {setup, S, I});
parse({setup, S, C, I}) when is_function(S), is_function(C) ->
    setup_group(spawn, S, C, I, {setup, S, C, I});
parse({setup, Where, S, I}) when is_function(S) ->
    setup_group(Where, S, fun (_) -> ok end, I, {setup, Where, S, I});
parse({setup, Where, S, C, I}) ->
    setup_group(Where, S, C, I, {setup, Where, S, C, I});
parse({node, _Node, I}) ->
    node_group(I);
parse({node, _Node, _Args, I}) ->
    node_group(I);
parse({foreach, S, Is}) when is_function(S), is_list(Is) ->
    foreach_group(spawn, S, fun (_) -> ok end, Is, {foreach, S, Is});
parse({foreach, S, C, Is}) when is_function(S), is_function(C), is_list(Is) ->
    foreach_group(spawn, S, C, Is, {foreach, S, C, Is});
parse({foreach, Where, S, Is}) when is_function(S), is_list(Is) ->
    foreach_group(Where, S, fun (_) -> ok end, Is, {foreach, Where, S, Is});
parse({foreach, Where, S, C, Is}) when is_list(Is) ->
    foreach_group(Where, S, C, Is, {foreach, Where, S, C, Is});
parse({foreachx, S, Ps}) when is_function(S), is_list(Ps) ->
    foreachx_group(spawn, S, fun (_, _) -> ok end, Ps, {foreachx, S, Ps});
parse({foreachx, S, C, Ps}) when is_function(S), is_function(C), is_list(Ps) ->
    foreachx_group(spawn, S, C, Ps, {foreachx, S, C, Ps});
parse({foreachx, Where, S, Ps}) when is_function(S), is_list(Ps) ->
    foreachx_group(Where, S, fun (_, _) -> ok end, Ps, {foreachx, Where, S, Ps});
parse({foreachx, Where, S, C, Ps}) when is_list(Ps) ->
    foreachx_group(Where, S, C, Ps, {foreachx, Where, S, C, Ps});
parse({M, F}) when is_atom(M), is_atom(F) ->
    {test, mf_test(M, F, 0)};
parse(Spec) when is_tuple(Spec), tuple_size(Spec) >= 2 ->
    Title = element(1, Spec),
    case is_title(Title) of
        true when tuple_size(Spec) =:= 2 ->
            collapse(#{title => Title}, element(2, Spec));
        true ->
            [_ | Rest] = tuple_to_list(Spec),
            collapse(#{title => Title}, list_to_tuple(Rest));
        false ->
            bad(Spec)
    end;
parse(M) when is_atom(M) ->
    module_group(M);
parse(Spec) ->
    bad(Spec).

is_title(S) when is_list(S) -> is_string(S);
is_title(_) -> false.

is_string([C | Cs]) when is_integer(C), C >= 0 -> is_string(Cs);
is_string([]) -> true;
is_string(_) -> false.

fun_test(F, Line) ->
    {module, M} = erlang:fun_info(F, module),
    {name, N} = erlang:fun_info(F, name),
    #{kind => 'fun', module => M, name => N, line => Line, title => undefined,
      timeout => undefined, run => F}.

mf_test(M, F, Line) ->
    #{kind => mf, module => M, name => F, line => Line, title => undefined,
      timeout => undefined, run => {M, F}}.

with_test(F, X) ->
    {module, M} = erlang:fun_info(F, module),
    {name, N} = erlang:fun_info(F, name),
    {'$eunit_test', #{kind => 'fun', module => M, name => N, line => 0,
                      title => undefined, timeout => undefined,
                      run => fun () -> F(X) end}}.

%% Calls a generator; its result is read in its place.
generate(F, Name, Kind) ->
    try F() of
        Tests -> {more, [{generated, "generator", Name, Tests}]}
    catch
        Class:Reason:Stack ->
            abort(["test generator ", Name, " failed"],
                  format_exception(Class, Reason, generator_frames(Stack, Kind)))
    end.

%% The frames of a generator's exception: its own, then those OTP's test reader has at
%% that place, which depend on how many groups are being looked into.
generator_frames(Stack, Kind) ->
    Wrapper = case Kind of
                  mf -> [otp_frame(eunit_test, '-mf_wrapper/2-fun-0-', 2, 273)];
                  'fun' -> []
              end,
    Groups = lists:append([[otp_frame(eunit_data, lookahead, 2, 532),
                            otp_frame(eunit_data, group, 1, GroupLine),
                            otp_frame(eunit_data, next, 2, 174)]
                           || GroupLine <- lookaheads()]),
    Runner = Wrapper
        ++ [otp_frame(eunit_test, run_testfun, 1, 71),
            otp_frame(eunit_data, parse, 2, 241),
            otp_frame(eunit_data, next, 2, 174)]
        ++ Groups
        ++ [otp_frame(eunit_data, iter_next, 1, 134),
            otp_frame(eunit_proc, get_next_item, 1, 490),
            otp_frame(eunit_proc, tests_inorder, 3, 454),
            otp_frame(eunit_proc, with_timeout, 3, 346)],
    lists:sublist(user_frames(Stack) ++ Runner, ?BACKTRACE_DEPTH).

%% For each group being looked into, innermost first, the line of OTP's reader that
%% reads its first (485) or second (486) item.
lookaheads() ->
    case get('$eunit_lookahead') of
        L when is_list(L) -> L;
        _ -> []
    end.

%% What a generator or an instantiator made: a list is read as any list; anything else
%% must be a test representation.
generated(_, _, Tests) when is_list(Tests) ->
    {more, [Tests]};
generated(What, Name, Tests) ->
    Shown = lists:flatten(io_lib:format("~tP", [Tests, 20])),
    try parse(Tests)
    catch
        throw:{eunit_abort, Message, Detail} = Abort ->
            case lists:member(Message, ["bad test descriptor", "test module not found"])
                andalso lists:flatten(Detail) =:= Shown of
                true -> abort(["result from ", What, " ", Name, " is not a test"], Shown);
                false -> throw(Abort)
            end
    end.

%% A module's tests, with those of Module_tests.
module_group(M) ->
    case module_exports(M) of
        none ->
            abort("test module not found", io_lib:format("~tw", [M]));
        Exports ->
            Own = [module_item(M, F) || {F, 0} <- Exports, is_test_name(F)],
            Extra = case tests_base(M) of
                        none ->
                            Other = list_to_atom(atom_to_list(M) ++ "_tests"),
                            case module_exports(Other) of
                                none -> [];
                                _ -> [{module, Other}]
                            end;
                        _ -> []
                    end,
            group(#{kind => module}, Own ++ Extra)
    end.

module_item(M, F) ->
    case lists:suffix("_test_", atom_to_list(F)) of
        true -> {generator, M, F};
        false -> {test, M, F}
    end.

is_test_name(F) ->
    S = atom_to_list(F),
    lists:suffix("_test", S) orelse lists:suffix("_test_", S).

%% The exports of a module (loading it if it has to be), or none.
module_exports(M) ->
    try M:module_info(exports)
    catch error:undef -> none
    end.

function_exists(M, F, A) ->
    case module_exports(M) of
        none -> false;
        Exports -> lists:member({F, A}, Exports)
    end.

%% A group made of Tests. Its first two items are read at once (as OTP looks ahead).
group(Attrs, Tests) ->
    Items = lookahead(iter(Tests), 2),
    {group, maps:merge(group_defaults(), Attrs#{items => Items})}.

group_defaults() ->
    #{kind => list, title => undefined, timeout => undefined, order => undefined,
      spawn => false}.

%% Reads up to N items; returns {ReadItems, RestIterator}.
lookahead(It, N) ->
    Outer = lookaheads(),
    try lookahead(It, N, [], Outer)
    after
        put('$eunit_lookahead', Outer)
    end.

lookahead(It, 0, Acc, _) ->
    {lists:reverse(Acc), It};
lookahead(It, N, Acc, Outer) ->
    put('$eunit_lookahead', [485 + length(Acc) | Outer]),
    case next(It) of
        none -> {lists:reverse(Acc), []};
        {Item, Rest} -> lookahead(Rest, N - 1, [Item | Acc], Outer)
    end.

%% A group run in a new process; a single group inside becomes that group.
spawn_group(Tests) ->
    case lookahead(iter(Tests), 2) of
        {[{group, G}], _} -> {group, G#{spawn => true}};
        Items -> {group, maps:merge(group_defaults(), #{spawn => true, items => Items})}
    end.

%% A group around Tests with the given attributes, unless Tests is a single item, which
%% then takes the attributes itself.
collapse(Attrs, Tests) ->
    case lookahead(iter(Tests), 2) of
        {[], _} -> skip;
        {[{test, T}], _} -> {test, merge_attrs(T, Attrs)};
        {[{group, G}], _} -> {group, merge_attrs(G, Attrs)};
        {Items, Rest} ->
            {group, maps:merge(group_defaults(), Attrs#{items => {Items, Rest}})}
    end.

merge_attrs(Item, Attrs) ->
    maps:fold(fun (K, V, Acc) ->
                      case maps:find(K, Acc) of
                          {ok, undefined} -> Acc#{K => V};
                          {ok, _} -> Acc;
                          error -> Acc
                      end
              end, Item, Attrs).

setup_group(Where, S, C, I, Spec) ->
    case is_where(Where) andalso is_function(S, 0) andalso is_function(C, 1)
        andalso is_instantiator(I) of
        true ->
            {group, (group_defaults())#{kind => setup, where => where(Where),
                                       setup => S, cleanup => C, inst => I}};
        false -> bad(Spec)
    end.

node_group(I) ->
    NotAlive = fun () ->
                       erlang:raise(exit, not_alive,
                                    [{slave, start, 5, [{file, "slave.erl"}, {line, 199}]}])
               end,
    {group, (group_defaults())#{kind => setup, where => spawn, setup => NotAlive,
                               cleanup => fun (_) -> ok end, inst => I}}.

foreach_group(Where, S, C, Is, Spec) ->
    case is_where(Where) andalso is_function(S, 0) andalso is_function(C, 1) of
        true -> {more, [{setup, Where, S, C, I} || I <- Is]};
        false -> bad(Spec)
    end.

foreachx_group(Where, S, C, Ps, Spec) ->
    Ok = is_where(Where) andalso is_function(S, 1) andalso is_function(C, 2)
        andalso lists:all(fun ({_, F}) -> is_function(F, 2); (_) -> false end, Ps),
    case Ok of
        true ->
            {more, [{setup, Where, fun () -> S(X) end, fun (R) -> C(X, R) end,
                     fun (R) -> F(X, R) end} || {X, F} <- Ps]};
        false -> bad(Spec)
    end.

is_where(local) -> true;
is_where(spawn) -> true;
is_where({spawn, Node}) when is_atom(Node) -> true;
is_where(_) -> false.

where(local) -> local;
where(_) -> spawn.

is_instantiator(I) when is_function(I) -> is_function(I, 1) orelse is_function(I, 0);
is_instantiator(_) -> true.

%% ---------------------------------------------------------------------
%% Running

%% Runs the items of an iterator, or of {ReadItems, RestIterator}, in this process.
run_items({Items, Rest}, Ctx) ->
    lists:foreach(fun (Item) -> run_item(Item, Ctx) end, Items),
    run_items(Rest, Ctx);
run_items(It, Ctx) ->
    case next(It) of
        none -> ok;
        {Item, Rest} ->
            run_item(Item, Ctx),
            run_items(Rest, Ctx)
    end.

run_item({test, T}, Ctx) -> run_test(T, Ctx);
run_item({group, G}, Ctx) -> run_group(G, Ctx).

run_test(T, Ctx) ->
    Desc = test_desc(T),
    case maps:get(run, T) of
        {M, F} ->
            case function_exists(M, F, 0) of
                true -> run_test(fun () -> M:F() end, T, Desc, Ctx);
                false ->
                    report(Ctx, {did_not_run, Desc,
                                 io_lib:format("no such function: ~w:~tw/0", [M, F])})
            end;
        Fun ->
            run_test(Fun, T, Desc, Ctx)
    end.

run_test(Fun, T, Desc, Ctx) ->
    Timeout = case maps:get(timeout, T) of
                  undefined -> ?DEFAULT_TIMEOUT;
                  Ms -> Ms
              end,
    Id = watch_start(Ctx, Timeout, test, Desc, T),
    Capture = capture_start(),
    Result = try Fun() of
                 _ -> passed
             catch
                 Class:Reason:Stack -> {failed, Class, Reason, Stack}
             end,
    Output = capture_stop(Capture),
    watch_stop(Ctx, Id),
    case Result of
        passed ->
            report(Ctx, passed);
        {failed, C, R, S} ->
            report(Ctx, {failed, Desc, C, shown_reason(R, T, Ctx), test_frames(S, T, Ctx),
                         Output})
    end.

%% A test's output is captured, as EUnit does: the test process (and the processes it
%% starts) get a group leader that keeps what is written, shown only if the test fails.
%% Other io requests (reading) go on to the previous group leader.
capture_start() ->
    Old = group_leader(),
    Test = self(),
    Cap = spawn(fun () -> capture_loop(Test, erlang:monitor(process, Test), []) end),
    group_leader(Cap, self()),
    {Cap, Old}.

capture_stop({Cap, Old}) ->
    group_leader(Old, self()),
    Ref = erlang:monitor(process, Cap),
    Cap ! {eunit_captured, self(), Ref},
    receive
        {Ref, Output} ->
            erlang:demonitor(Ref, [flush]),
            Output;
        {'DOWN', Ref, _, _, _} ->
            ""
    end.

capture_loop(Test, Mon, Acc) ->
    receive
        {io_request, From, ReplyAs, Request} ->
            {Reply, Acc1} = capture_request(Request, Acc),
            From ! {io_reply, ReplyAs, Reply},
            capture_loop(Test, Mon, Acc1);
        {eunit_captured, From, Ref} ->
            From ! {Ref, unicode:characters_to_list(lists:reverse(Acc))};
        {'DOWN', Mon, _, _, _} ->
            ok
    end.

capture_request({put_chars, _Encoding, Chars}, Acc) ->
    {ok, [Chars | Acc]};
capture_request({put_chars, Chars}, Acc) ->
    {ok, [Chars | Acc]};
capture_request({put_chars, _Encoding, M, F, A}, Acc) ->
    case catch apply(M, F, A) of
        Chars when is_list(Chars); is_binary(Chars) -> {ok, [Chars | Acc]};
        _ -> {{error, F}, Acc}
    end;
capture_request({requests, Requests}, Acc) ->
    lists:foldl(fun (R, {ok, A}) -> capture_request(R, A);
                    (_, Error) -> Error
                end, {ok, Acc}, Requests);
capture_request(Request, Acc) ->
    {io:request(standard_io, Request), Acc}.

%% The failure term of assertException and assertNotException holds the stack trace of
%% the exception; it is shown with the runner frames of test_frames/3.
shown_reason({Tag, Info} = Reason, T, Ctx)
  when Tag =:= assertException; Tag =:= assertNotException ->
    case lists:keyfind(unexpected_exception, 1, Info) of
        {unexpected_exception, {C, R, S}} when is_list(S) ->
            {Tag, lists:keyreplace(unexpected_exception, 1, Info,
                                   {unexpected_exception, {C, R, test_frames(S, T, Ctx)}})};
        _ -> Reason
    end;
shown_reason(Reason, _, _) ->
    Reason.

run_group(G, Ctx) ->
    case maps:get(kind, G) of
        setup -> run_setup(G, Ctx);
        _ -> run_plain_group(G, Ctx)
    end.

run_plain_group(G, Ctx) ->
    Items = maps:get(items, G),
    Timeout = maps:get(timeout, G),
    Title = maps:get(title, G),
    Inner = Ctx#{group_timeout => Timeout =/= undefined, local_setup => false,
                 own_process => false},
    case {maps:get(spawn, G), maps:get(order, G)} of
        {true, _} ->
            propagate(run_process_group(fun (C) -> run_ordered(G, Items, C) end, Title,
                                        Timeout, Inner));
        {false, _} ->
            Id = case Timeout of
                     undefined -> none;
                     _ -> watch_start(Ctx, Timeout, group, group_desc(Title), G)
                 end,
            run_ordered(G, Items, Inner),
            watch_stop(Ctx, Id)
    end.

%% Runs the items of a group in order, or each in its own process for inparallel (which
%% the groups inside take on unless they say otherwise).
run_ordered(G, Items, Ctx) ->
    Order = case maps:get(order, G) of
                undefined -> maps:get(order, Ctx, inorder);
                O -> O
            end,
    case Order of
        inparallel ->
            run_each_in_process(Items, Ctx#{order => inparallel});
        _ ->
            run_items(Items, Ctx#{order => inorder})
    end.

run_each_in_process({Items, Rest}, Ctx) ->
    lists:foreach(fun (Item) -> run_in_own_process(Item, Ctx) end, Items),
    run_each_in_process(Rest, Ctx);
run_each_in_process(It, Ctx) ->
    case next(It) of
        none -> ok;
        {Item, Rest} ->
            run_in_own_process(Item, Ctx),
            run_each_in_process(Rest, Ctx)
    end.

run_in_own_process({test, _} = Item, Ctx) ->
    propagate(run_process_group(fun (C) -> run_item(Item, C) end, undefined, undefined,
                                Ctx#{own_process => true}));
run_in_own_process(Item, Ctx) ->
    propagate(run_process_group(fun (C) -> run_item(Item, C) end, undefined, undefined,
                                Ctx)).

%% A setup fixture: setup, the tests (in a new process unless local), cleanup.
run_setup(G, Ctx) ->
    Title = maps:get(title, G),
    Desc = group_desc(Title),
    Id = case maps:get(timeout, G) of
             undefined -> none;
             Timeout -> watch_start(Ctx, Timeout, group, Desc, G)
         end,
    Setup = maps:get(setup, G),
    case call_fixture(fun () -> Setup() end) of
        {ok, R} ->
            Inst = maps:get(inst, G),
            Local = maps:get(where, G) =:= local,
            Inner = Ctx#{group_timeout => false, local_setup => Local,
                         own_process => false},
            Run = fun (C) -> run_instance(Inst, R, Desc, C) end,
            Outcome = case Local of
                          true -> catch_abort(fun () -> Run(Inner) end, Inner);
                          false -> run_process_group(Run, Title, none, Inner)
                      end,
            Cleanup = maps:get(cleanup, G),
            case call_fixture(fun () -> Cleanup(R) end) of
                {ok, _} -> ok;
                {error, Class, Reason, Stack} ->
                    report(Ctx, {group_aborted, Desc, "context cleanup failed",
                                 format_exception(Class, Reason, user_frames(Stack))})
            end,
            watch_stop(Ctx, Id),
            case Outcome of
                {abort, Why} -> exit(Why);
                _ -> ok
            end;
        {error, Class, Reason, Stack} ->
            report(Ctx, {group_aborted, Desc, "context setup failed",
                         format_exception(Class, Reason, user_frames(Stack))}),
            watch_stop(Ctx, Id)
    end.

call_fixture(F) ->
    try F() of
        R -> {ok, R}
    catch
        Class:Reason:Stack -> {error, Class, Reason, Stack}
    end.

%% Runs the tests an instantiator makes from the setup's result.
run_instance(Inst, R, Desc, Ctx) ->
    Made = if
               is_function(Inst, 1) ->
                   try Inst(R) of
                       Tests -> {ok, {generated, "instantiator", fun_text(Inst), Tests}}
                   catch
                       Class:Reason:Stack -> {error, Class, Reason, Stack}
                   end;
               is_function(Inst, 0) ->
                   {ok, Inst};
               true ->
                   case Inst of
                       {with, Fs} when is_list(Fs) -> {ok, {with, R, Fs}};
                       Tests -> {ok, Tests}
                   end
           end,
    case Made of
        {ok, Spec} ->
            {group, G} = group(#{kind => setup_tests}, Spec),
            run_items(maps:get(items, G), Ctx);
        {error, C, Rs, S} ->
            report(Ctx, {group_aborted, Desc, "instantiation of subtests failed",
                         format_exception(C, Rs, user_frames(S))})
    end.

%% ---------------------------------------------------------------------
%% Processes and time limits
%%
%% A process group runs in a new process; the process that starts it watches it: it
%% keeps the time limits the child announces (watch_start/watch_stop) and kills the child
%% when one runs out. A representation that cannot be used ends the child with
%% {eunit_abort, ...}, which every watcher passes on up to the top.

run_process_group(Fun, Title, Timeout, Ctx) ->
    Watcher = self(),
    Child = fun () ->
                    C = Ctx#{watcher => Watcher},
                    case catch_abort(fun () -> Fun(C) end, C) of
                        {abort, Why} -> exit(Why);
                        _ -> ok
                    end
            end,
    {Pid, Ref} = spawn_monitor(Child),
    Own = case Timeout of
              T when is_integer(T) ->
                  [{group_timer, erlang:start_timer(T, self(), {eunit_timeout, group_timer}),
                    group, group_desc(Title)}];
              _ -> []
          end,
    watch_loop(Pid, Ref, Own, group_desc(Title), Ctx).

%% Passes on the end of the whole run.
propagate({abort, Why}) -> exit(Why);
propagate(Outcome) -> Outcome.

%% Runs F; a representation that cannot be used is reported (as the cancellation of the
%% whole run) and turned into {abort, Reason}.
catch_abort(F, Ctx) ->
    try F()
    catch
        throw:{eunit_abort, Message, Detail} ->
            report(Ctx, {group_aborted, "undefined", Message, Detail}),
            {abort, eunit_abort};
        exit:eunit_abort ->
            {abort, eunit_abort}
    end.

watch_start(_Ctx, infinity, _Kind, _Desc, _Item) ->
    none;
watch_start(Ctx, Ms, Kind, Desc, Item) ->
    Id = make_ref(),
    maps:get(watcher, Ctx) ! {eunit_watch, self(), start, Id, Ms, Kind, Desc,
                              frames_info(Kind, Item, Ctx)},
    Id.

watch_stop(_Ctx, none) ->
    ok;
watch_stop(Ctx, Id) ->
    maps:get(watcher, Ctx) ! {eunit_watch, self(), stop, Id},
    ok.

%% What the watcher needs to show the runner frames of a test that times out.
frames_info(test, T, Ctx) -> {T, Ctx};
frames_info(group, _, _) -> none.

%% Active: [{Id, TimerRef, Kind, Desc, FramesInfo}], innermost first.
watch_loop(Pid, Ref, Own, GroupDesc, Ctx) ->
    Active = [{group_timer, TRef, Kind, Desc, none} || {group_timer, TRef, Kind, Desc} <- Own],
    watch(Pid, Ref, Active, GroupDesc, Ctx).

watch(Pid, Ref, Active, GroupDesc, Ctx) ->
    receive
        {eunit_watch, Pid, start, Id, Ms, Kind, Desc, Info} ->
            TRef = erlang:start_timer(Ms, self(), {eunit_timeout, Id}),
            watch(Pid, Ref, [{Id, TRef, Kind, Desc, Info} | Active], GroupDesc, Ctx);
        {eunit_watch, Pid, stop, Id} ->
            case lists:keytake(Id, 1, Active) of
                {value, {_, TRef, _, _, _}, Rest} ->
                    erlang:cancel_timer(TRef),
                    watch(Pid, Ref, Rest, GroupDesc, Ctx);
                false ->
                    watch(Pid, Ref, Active, GroupDesc, Ctx)
            end;
        {timeout, _TRef, {eunit_timeout, Id}} ->
            case lists:keymember(Id, 1, Active) of
                true -> time_out(Pid, Ref, Id, Active, GroupDesc, Ctx);
                false -> watch(Pid, Ref, Active, GroupDesc, Ctx)
            end;
        {'DOWN', Ref, process, Pid, Reason} ->
            cancel_timers(Active),
            case Reason of
                normal -> ok;
                eunit_abort -> {abort, eunit_abort};
                _ -> died(Reason, Active, GroupDesc, Ctx)
            end
    end.

cancel_timers(Active) ->
    lists:foreach(fun ({_, TRef, _, _, _}) -> erlang:cancel_timer(TRef) end, Active).

%% Kills the child for the time limit Id and reports it.
time_out(Pid, Ref, Id, Active, GroupDesc, Ctx) ->
    Where = where_is(Pid),
    exit(Pid, kill),
    receive
        {'DOWN', Ref, process, Pid, _} -> ok
    end,
    cancel_timers(Active),
    {Inner, [{Id, _, Kind, Desc, Info} | _]} =
        lists:splitwith(fun ({I, _, _, _, _}) -> I =/= Id end, Active),
    Running = [E || {_, _, test, _, _} = E <- Inner],
    case Kind of
        test ->
            {T, TCtx} = Info,
            report(Ctx, {test_timed_out, Desc, timeout_frames(Where, T, TCtx)});
        group ->
            Frames = case Running of
                         [{_, _, _, TDesc, {T, TCtx}} | _] ->
                             report(Ctx, {test_skipped, TDesc}),
                             timeout_frames(Where, T, TCtx);
                         [] ->
                             user_frames(Where)
                     end,
            report(Ctx, {group_timed_out, Desc, Frames})
    end,
    case Id of
        group_timer -> ok;
        _ -> report(Ctx, {group_cancelled, GroupDesc})
    end,
    timeout.

%% A child that died for another reason than the end of its tests.
died(Reason, Active, GroupDesc, Ctx) ->
    case [E || {_, _, test, _, _} = E <- Active] of
        [{_, _, _, TDesc, {T, TCtx}} | _] ->
            report(Ctx, {failed, TDesc, exit, Reason, runner_frames_only(T, TCtx)});
        [] -> ok
    end,
    report(Ctx, {group_cancelled, GroupDesc}),
    ok.

runner_frames_only(T, TCtx) ->
    lists:sublist(runner_frames(T, TCtx), ?BACKTRACE_DEPTH).

%% Where a process is: its current stack trace if the VM gives it, else the function it
%% is running.
where_is(Pid) ->
    case catch erlang:process_info(Pid, current_stacktrace) of
        {current_stacktrace, Stack} when is_list(Stack) -> Stack;
        _ ->
            case catch erlang:process_info(Pid, current_function) of
                {current_function, {M, F, A}} -> [{M, F, A, []}];
                _ -> []
            end
    end.

timeout_frames(Stack, T, TCtx) ->
    lists:sublist(user_frames(Stack) ++ runner_frames(T, TCtx), ?BACKTRACE_DEPTH).
