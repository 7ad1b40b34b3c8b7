%% ets beyond lookups and selects: select_reverse/1,3, select_replace/2, slot/2 on an
%% ordered_set, safe_fixtable/2, setopts/2 with an heir, test_ms/2, is_compiled_ms/1,
%% repair_continuation/2, and saving a table to a file and reading it back.
-module(lib_ets_more).
-export([main/0]).

p(Label, V) -> io:format("~s: ~p~n", [Label, V]).

reason(F) ->
    try F() catch error:R -> {error_raised, R} end.

main() ->
    T = ets:new(t, [ordered_set]),
    ets:insert(T, [{K, K * 10} || K <- lists:seq(1, 10)]),
    MS = [{{'$1', '$2'}, [{'>', '$1', 3}], ['$1']}],
    {First, C} = ets:select_reverse(T, MS, 3),
    p("select_reverse/3", First),
    {Second, C2} = ets:select_reverse(C),
    p("select_reverse/1", Second),
    p("select_reverse/1 again", ets:select_reverse(C2)),
    p("select_reverse/3 nothing", ets:select_reverse(T, [{{'$1', '_'}, [{'>', '$1', 99}], ['$1']}], 3)),
    p("select_reverse/3 bad limit", reason(fun() -> ets:select_reverse(T, MS, 0) end)),
    p("select_replace", ets:select_replace(T, [{{'$1', '$2'}, [{'<', '$1', 4}], [{{'$1', {'+', '$2', 1}}}]}])),
    p("after", ets:tab2list(T)),
    p("select_replace key change", reason(fun() -> ets:select_replace(T, [{{'$1', '$2'}, [], [{{{'+', '$1', 100}, '$2'}}]}]) end)),
    p("unchanged", ets:lookup(T, 1)),
    p("select_replace none", ets:select_replace(T, [{{'$1', '$2'}, [{'>', '$1', 100}], [{{'$1', 0}}]}])),
    p("select_replace not an object", reason(fun() -> ets:select_replace(T, [{{'$1', '$2'}, [], [ok]}]) end)),
    B = ets:new(b, [bag]),
    ets:insert(B, [{a, 1}, {a, 2}]),
    p("select_replace bag", reason(fun() -> ets:select_replace(B, [{{'$1', '$2'}, [], [{{'$1', 9}}]}]) end)),
    S = ets:new(s, [set]),
    ets:insert(S, [{x, 1}, {y, 2}]),
    p("select_replace set", ets:select_replace(S, [{{x, '$2'}, [], [{{x, {'*', '$2', 5}}}]}])),
    p("set after", lists:sort(ets:tab2list(S))),
    [p("slot " ++ integer_to_list(I), reason(fun() -> ets:slot(T, I) end)) || I <- [0, 9, 10, 11, -1]],
    p("test_ms", ets:test_ms({a, 1}, [{{'$1', '$2'}, [], [{{'$2', '$1'}}]}])),
    p("test_ms no match", ets:test_ms({a, 1}, [{{b, '$2'}, [], ['$2']}])),
    p("test_ms not a list", ets:test_ms({a, 1}, bad)),
    p("is_compiled_ms", ets:is_compiled_ms(ets:match_spec_compile([{'_', [], [true]}]))),
    p("is_compiled_ms no", ets:is_compiled_ms(foo)),
    p("safe_fixtable", ets:safe_fixtable(T, true)),
    p("safe_fixtable false", ets:safe_fixtable(T, false)),
    p("safe_fixtable bad", reason(fun() -> ets:safe_fixtable(T, maybe) end)),
    p("setopts heir", ets:setopts(T, {heir, self(), data})),
    p("heir is me", ets:info(T, heir) =:= self()),
    p("setopts heir none", ets:setopts(T, [{heir, none}])),
    p("heir", ets:info(T, heir)),
    p("setopts bad", reason(fun() -> ets:setopts(T, {bad, 1}) end)),
    All = [{{'$1', '_'}, [], ['$1']}],
    {M, C3} = ets:select(T, All, 4),
    {M2, _} = ets:select(ets:repair_continuation(C3, All)),
    p("repair_continuation", {M, M2}),
    files().

files() ->
    File = "/tmp/ember_lib_ets_more_" ++ integer_to_list(erlang:system_time(nanosecond)),
    T = ets:new(saved, [ordered_set, named_table, public, {keypos, 2}]),
    ets:insert(T, [{x, 1, a}, {y, 2, b}]),
    p("tab2file", ets:tab2file(T, File)),
    p("tabfile_info", ets:tabfile_info(File)),
    ets:delete(T),
    p("file2tab", ets:file2tab(File)),
    p("read back", ets:tab2list(saved)),
    p("info", [ets:info(saved, K) || K <- [type, protection, keypos, named_table, size]]),
    p("file2tab again", ets:file2tab(File)),
    p("file2tab missing", ets:file2tab(File ++ ".none") =:=
          {error, {read_error, {file_error, File ++ ".none", enoent}}}),
    ok = file:write_file(File, "junk"),
    p("file2tab junk", ets:file2tab(File) =:= {error, {read_error, {not_a_log_file, File}}}),
    p("tabfile_info missing", ets:tabfile_info(File ++ ".none") =:=
          {error, {read_error, {file_error, File ++ ".none", enoent}}}),
    p("tab2file no table", ets:tab2file(nosuch, File)),
    p("the file is gone", file:read_file_info(File)),
    p("tab2file bad dir", ets:tab2file(saved, "/nonexistent_dir/x.ets")).
