%% filelib: wildcards (every pattern form, `**`, relative to a directory), questions about
%% one file, folding over a tree, making directories, safe relative paths.
-module(lib_filelib).
-export([main/0]).

show(What, Value) -> io:format("~p: ~p~n", [What, Value]).

main() ->
    Root = "/tmp/ember_lib_filelib_" ++ os:getpid(),
    ok = filelib:ensure_path(Root ++ "/t/a/b/c"),
    ok = filelib:ensure_dir(Root ++ "/t/src/"),
    ok = filelib:ensure_path(Root ++ "/t/.hid"),
    [ok = file:write_file(Root ++ "/t/" ++ F, F) ||
        F <- ["x.erl", "y.erl", ".dot.erl", "a/z.erl", "a/b/w.erl", "a/b/c/v.txt",
              "src/s.erl", "README", "a/b/c/.h.erl", "we ird.erl", "q1.txt", "q2.txt",
              "q10.txt"]],
    ok = file:make_symlink("a", Root ++ "/t/link"),
    T = Root ++ "/t",
    Patterns = ["*.erl", "*", "**/*.erl", "**", "?.erl", "q?.txt", "q[12].txt",
                "q[0-9]*.txt", "{x,y}.erl", "{a,src}/*.erl", "a/*/*.erl", "nothing*",
                "x.erl", "missing", ".*", "*/", "a/../x.erl", "a//z.erl", "./x.erl",
                "[a-b]*", "{}", "q[!1]*", "\\*", "[ab", "**/", "link/*", "a/**/*.txt",
                "*/*/", "{x,y}}"],
    [io:format("~s -> ~p~n", [P, filelib:wildcard(P, T)]) || P <- Patterns],
    show(cwd_pattern, filelib:wildcard("*/x.erl", Root)),
    show(absolute, [lists:nthtail(length(T) + 1, F) || F <- filelib:wildcard(T ++ "/*.txt")]),
    show(no_cwd, filelib:wildcard("*.txt", Root ++ "/nonexistent")),
    show(unclosed_brace, catch_error(fun() -> filelib:wildcard("{x,y", T) end)),
    show(binary_pattern, catch_error(fun() -> filelib:wildcard(<<"*.txt">>) end)),
    %% Folding: made relative and sorted (directory order is the file system's).
    Rel = fun(F) -> lists:nthtail(length(T) + 1, F) end,
    Fold = fun(Re, Rec) -> lists:sort(filelib:fold_files(T, Re, Rec, fun(F, A) -> [Rel(F) | A] end, [])) end,
    show(fold_recursive, Fold("\\.erl$", true)),
    show(fold_flat, Fold("\\.erl$", false)),
    show(fold_all, Fold("", true)),
    show(fold_missing, filelib:fold_files(Root ++ "/nonexistent", "", true, fun(F, A) -> [F | A] end, [])),
    In = fun(N) -> T ++ "/" ++ N end,
    show(is_dir, [filelib:is_dir(X) || X <- [T, In("x.erl"), In("nope"), list_to_atom(T), list_to_binary(T), In("link"), 42]]),
    show(is_file, [filelib:is_file(X) || X <- [T, In("x.erl"), In("nope")]]),
    show(is_regular, [filelib:is_regular(X) || X <- [T, In("x.erl"), In("nope"), In("link")]]),
    show(file_size, [filelib:file_size(X) || X <- [In("x.erl"), In("README"), In("nope")]]),
    show(last_modified_missing, filelib:last_modified(In("nope"))),
    show(last_modified, element(1, file:read_file_info(T)) =:= ok andalso
                        filelib:last_modified(T) =:= element(6, element(2, file:read_file_info(T)))),
    show(is_dir_with_module, filelib:is_dir(T, file)),
    show(ensure_dir, filelib:ensure_dir(In("new1/new2/file"))),
    show(made, {filelib:is_dir(In("new1/new2")), filelib:is_dir(In("new1/new2/file"))}),
    show(ensure_dir_through_file, filelib:ensure_dir(In("x.erl/sub/file"))),
    show(ensure_dir_existing, filelib:ensure_dir(In("new1/"))),
    show(ensure_path, filelib:ensure_path(In("p1/p2"))),
    show(path_made, filelib:is_dir(In("p1/p2"))),
    show(ensure_path_through_file, filelib:ensure_path(In("x.erl/p"))),
    show(ensure_dir_binary, filelib:ensure_dir(list_to_binary(In("bin1/f")))),
    show(binary_made, filelib:is_dir(In("bin1"))),
    show(safe, [filelib:safe_relative_path(P, T) || P <- ["a/../b", "../b", "/b", "a/./b/", "", "a/..", "link/b", "x/../../y"]]),
    show(safe_binary, filelib:safe_relative_path(<<"a/./b">>, T)),
    %% filename:dirname/1 with the separators ensure_dir/1 meets.
    show(dirname, [filename:dirname(P) || P <- ["/tmp/a/t/", "a/b/", "a/", "/", "a//b", "//a", "a/b//", "", "a/./b"]]),
    show(dirname_binary, filename:dirname(<<"a/b/">>)),
    ok = file:del_dir_r(Root),
    ok.

catch_error(F) ->
    try F() of
        V -> {value, V}
    catch
        error:Reason -> {error, Reason}
    end.
