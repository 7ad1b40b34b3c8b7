%% code: the parts of the code server's interface that are not built-ins (those are in
%% vm/src/bif/code.rs and erlang.rs). Modules load from Erlang sources on the code path.
-module(code).

-export([where_is_file/1, where_is_file/2, ensure_modules_loaded/1, get_mode/0,
         is_module_native/1, stick_dir/1, unstick_dir/1, stick_mod/1, unstick_mod/1,
         replace_path/2, all_available/0]).

%% The first directory of the code path (or of Path) that holds Filename, joined to it.
where_is_file(Filename) -> where_is_file(code:get_path(), Filename).

where_is_file([Dir | Dirs], Filename) ->
    Full = filename:join(Dir, Filename),
    case filelib:is_file(Full) of
        true -> Full;
        false -> where_is_file(Dirs, Filename)
    end;
where_is_file([], _Filename) ->
    non_existing.

ensure_modules_loaded(Modules) when is_list(Modules) ->
    case [{M, Why} || M <- Modules, {error, Why} <- [code:ensure_loaded(M)]] of
        [] -> ok;
        Errors -> {error, Errors}
    end.

%% Modules load when first called.
get_mode() -> interactive.

%% (undefined for a module that is not there.)
is_module_native(Module) when is_atom(Module) ->
    case code:is_loaded(Module) of
        false -> undefined;
        _ -> false
    end.

%% Sticky directories and modules keep their code from being replaced; ember records
%% nothing of it (its standard library cannot be replaced from a directory anyway).
stick_dir(_Dir) -> ok.
unstick_dir(_Dir) -> ok.
stick_mod(Module) when is_atom(Module) -> true.
unstick_mod(Module) when is_atom(Module) -> true.

%% Puts Dir in the place of the code path's directory of application Name (named Name or
%% Name-Vsn, possibly with /ebin after it), or at the end if there is none; Dir must be
%% named so too (else bad_name).
replace_path(Name, Dir) ->
    App = to_list(Name),
    case app_of(Dir) =:= App of
        false -> {error, bad_name};
        true ->
            case filelib:is_dir(Dir) of
                false -> {error, bad_directory};
                true ->
                    Path = code:get_path(),
                    case lists:splitwith(fun(D) -> app_of(D) =/= App end, Path) of
                        {Before, [_ | After]} -> code:set_path(Before ++ [Dir | After]);
                        {_, []} -> code:set_path(Path ++ [Dir])
                    end
            end
    end.

%% The application a directory is of: its name (or its parent's, for ebin) without -Vsn.
app_of(Dir) ->
    Parts = filename:split(Dir),
    Last = case lists:reverse(Parts) of
               ["ebin", Parent | _] -> Parent;
               [L | _] -> L;
               [] -> ""
           end,
    hd(string:split(Last, "-")).

%% Every module there is: the loaded ones and the sources on the code path, with whether
%% each is loaded.
all_available() ->
    Loaded = [{atom_to_list(M), F, true} || {M, F} <- code:all_loaded()],
    Names = [N || {N, _, _} <- Loaded],
    OnPath = lists:usort([{filename:basename(F, ".erl"), filename:join(D, F), false}
                          || D <- code:get_path(), {ok, Fs} <- [file:list_dir(D)], F <- Fs,
                             filename:extension(F) =:= ".erl"]),
    Loaded ++ [A || {N, _, _} = A <- OnPath, not lists:member(N, Names)].

to_list(A) when is_atom(A) -> atom_to_list(A);
to_list(L) -> L.
