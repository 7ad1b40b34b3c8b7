%% filelib: utilities over the file system, with OTP 25's results.
%%
%% Wildcards are split into path components. A component with no wildcard character is
%% taken as it is; any other is matched against the names of its directory's entries:
%%   ?        one character          *          any characters (dot files included)
%%   [a-z0]   one of the characters  {x,y}      one of the alternatives
%%   **       (a whole component) any number of directory levels, symbolic links followed
%%   \c       the character c itself
%% Results are sorted. The functions that take a module (is_dir/2, wildcard/3, ...) ask it,
%% instead of `file`, for read_file_info/1 and list_dir/1.
-module(filelib).

-include_lib("kernel/include/file.hrl").

-export([wildcard/1, wildcard/2, wildcard/3, compile_wildcard/1,
         is_dir/1, is_dir/2, is_file/1, is_file/2, is_regular/1, is_regular/2,
         file_size/1, file_size/2, last_modified/1, last_modified/2,
         fold_files/5, fold_files/6, ensure_dir/1, ensure_path/1,
         safe_relative_path/2]).

%% ---- Wildcards ------------------------------------------------------------------------

wildcard(Pattern) when is_list(Pattern) -> wildcard(Pattern, ".", file);
wildcard({compiled_wildcard, _} = Compiled) -> wildcard(Compiled, ".", file).

wildcard(Pattern, Cwd) when is_list(Pattern) -> wildcard(Pattern, Cwd, file);
wildcard({compiled_wildcard, _} = Compiled, Cwd) -> wildcard(Compiled, Cwd, file).

wildcard(Pattern, Cwd, Mod) when is_list(Pattern) ->
    wildcard(compile_wildcard(Pattern), Cwd, Mod);
wildcard({compiled_wildcard, {Base, Parts}}, Cwd, Mod) ->
    lists:sort(expand(Base, Parts, Cwd, Mod)).

%% A wildcard compiled once, for many calls of wildcard/1,2,3.
compile_wildcard(Pattern) when is_list(Pattern) ->
    Flat = filename:flatten(Pattern),
    {Base, Components} = case Flat of
                             [$/ | _] -> {"/", split(tl(Flat))};
                             _ -> {"", split(Flat)}
                         end,
    {compiled_wildcard, {Base, [compile_component(C) || C <- Components]}}.

%% Path components: empty ones and "." go (".." stays).
split(Path) -> [C || C <- string:split(Path, "/", all), C =/= "", C =/= "."].

compile_component("**") -> double_star;
compile_component(C) ->
    case lists:any(fun(Ch) -> lists:member(Ch, "*?[{\\") end, C) of
        false -> {literal, C};
        true -> {pattern, compile_chars(C, none)}
    end.

%% The parts of a component's pattern. Inside braces (Close = '}'), a comma ends an
%% alternative: the result is then {Parts, Rest} with Rest after the comma or brace.
compile_chars([], none) -> [];
compile_chars([], _) -> erlang:error({badpattern, missing_delimiter});
compile_chars([$} | Rest], alt) -> {[], [$} | Rest]};
compile_chars([$, | Rest], alt) -> {[], [$, | Rest]};
compile_chars([$\\, C | Rest], In) -> cons({char, C}, compile_chars(Rest, In));
compile_chars([$* | Rest], In) -> cons(star, compile_chars(Rest, In));
compile_chars([$? | Rest], In) -> cons(one, compile_chars(Rest, In));
compile_chars([$[ | Rest] = Text, In) ->
    case class(Rest, []) of
        {Ranges, After} -> cons({class, Ranges}, compile_chars(After, In));
        error -> cons({char, $[}, compile_chars(tl(Text), In))
    end;
compile_chars([${ | Rest], In) ->
    {Alternatives, After} = alternatives(Rest, []),
    cons({alt, Alternatives}, compile_chars(After, In));
compile_chars([C | Rest], In) -> cons({char, C}, compile_chars(Rest, In)).

cons(Part, {Parts, Rest}) -> {[Part | Parts], Rest};
cons(Part, Parts) -> [Part | Parts].

alternatives(Text, Acc) ->
    case compile_chars(Text, alt) of
        {Parts, [$, | Rest]} -> alternatives(Rest, [Parts | Acc]);
        {Parts, [$} | Rest]} -> {lists:reverse([Parts | Acc]), Rest}
    end.

%% A character class up to its `]`: single characters and ranges; error if unclosed.
class([$] | Rest], Acc) -> {lists:reverse(Acc), Rest};
class([A, $-, B | Rest], Acc) when B =/= $] -> class(Rest, [{A, B} | Acc]);
class([C | Rest], Acc) -> class(Rest, [{C, C} | Acc]);
class([], _) -> error.

%% Does Name match the parts of a pattern?
match([], []) -> true;
match([star | Parts], Name) -> match_star(Parts, Name);
match([one | Parts], [_ | Name]) -> match(Parts, Name);
match([{char, C} | Parts], [C | Name]) -> match(Parts, Name);
match([{class, Ranges} | Parts], [C | Name]) ->
    lists:any(fun({A, B}) -> C >= A andalso C =< B end, Ranges) andalso match(Parts, Name);
match([{alt, Alternatives} | Parts], Name) ->
    lists:any(fun(Alt) -> match(Alt ++ Parts, Name) end, Alternatives);
match(_, _) -> false.

match_star(Parts, Name) ->
    match(Parts, Name) orelse (Name =/= [] andalso match_star(Parts, tl(Name))).

%% Every path under Prefix that the components match.
expand(Prefix, [], Cwd, Mod) ->
    case exists(Prefix, Cwd, Mod) of
        true -> [Prefix];
        false -> []
    end;
expand(Prefix, [{literal, Name} | Rest], Cwd, Mod) ->
    expand(join(Prefix, Name), Rest, Cwd, Mod);
expand(Prefix, [{pattern, Parts} | Rest], Cwd, Mod) ->
    lists:append([expand(join(Prefix, E), Rest, Cwd, Mod)
                  || E <- entries(Prefix, Cwd, Mod), match(Parts, E)]);
expand(Prefix, [double_star | Rest], Cwd, Mod) ->
    Here = case Rest of
               [] -> [];
               _ -> expand(Prefix, Rest, Cwd, Mod)
           end,
    Here ++ lists:append([below(join(Prefix, E), Rest, Cwd, Mod) || E <- entries(Prefix, Cwd, Mod)]).

%% What `**` then Rest match at and under Path, an entry of the directory `**` stands at.
below(Path, Rest, Cwd, Mod) ->
    Self = case Rest of
               [] -> [Path];
               _ -> []
           end,
    Deeper = case do_is_dir(in_cwd(Path, Cwd), Mod) of
                 true -> expand(Path, [double_star | Rest], Cwd, Mod);
                 false -> []
             end,
    Self ++ Deeper.

entries(Prefix, Cwd, Mod) ->
    Dir = case Prefix of
              "" -> Cwd;
              _ -> in_cwd(Prefix, Cwd)
          end,
    case Mod:list_dir(Dir) of
        {ok, Names} -> Names;
        {error, _} -> []
    end.

exists(Path, Cwd, file) ->
    element(1, file:read_link_info(in_cwd(Path, Cwd))) =:= ok;
exists(Path, Cwd, Mod) ->
    element(1, Mod:read_file_info(in_cwd(Path, Cwd))) =:= ok.

join("", Name) -> Name;
join("/", Name) -> "/" ++ Name;
join(Prefix, Name) -> Prefix ++ "/" ++ Name.

in_cwd([$/ | _] = Path, _Cwd) -> Path;
in_cwd(Path, Cwd) -> filename:join(Cwd, Path).

%% ---- Questions about one file ---------------------------------------------------------

is_dir(Name) -> do_is_dir(Name, file).

is_dir(Name, Mod) -> do_is_dir(Name, Mod).

do_is_dir(Name, Mod) ->
    case info(Name, Mod) of
        {ok, #file_info{type = directory}} -> true;
        _ -> false
    end.

is_file(Name) -> is_file(Name, file).

is_file(Name, Mod) ->
    case info(Name, Mod) of
        {ok, #file_info{type = Type}} -> Type =:= regular orelse Type =:= directory;
        _ -> false
    end.

is_regular(Name) -> is_regular(Name, file).

is_regular(Name, Mod) ->
    case info(Name, Mod) of
        {ok, #file_info{type = regular}} -> true;
        _ -> false
    end.

file_size(Name) -> file_size(Name, file).

file_size(Name, Mod) ->
    case info(Name, Mod) of
        {ok, #file_info{size = Size}} -> Size;
        _ -> 0
    end.

last_modified(Name) -> last_modified(Name, file).

last_modified(Name, Mod) ->
    case info(Name, Mod) of
        {ok, #file_info{mtime = Time}} -> Time;
        _ -> 0
    end.

%% A name that is no file name at all is no file.
info(Name, Mod) ->
    try Mod:read_file_info(Name) catch _:_ -> {error, badarg} end.

%% ---- Folding over a tree --------------------------------------------------------------

fold_files(Dir, RegExp, Recursive, Fun, Acc) ->
    fold_files(Dir, RegExp, Recursive, Fun, Acc, file).

%% Fun(File, Acc) for each file under Dir (in directory order) whose name matches RegExp;
%% subdirectories too when Recursive.
fold_files(Dir, RegExp, Recursive, Fun, Acc, Mod) ->
    {ok, Re} = re:compile(RegExp, [unicode]),
    fold(Dir, Re, Recursive, Fun, Acc, Mod).

fold(Dir, Re, Recursive, Fun, Acc, Mod) ->
    case Mod:list_dir(Dir) of
        {ok, Names} -> fold_entries(Names, Dir, Re, Recursive, Fun, Acc, Mod);
        {error, _} -> Acc
    end.

fold_entries([], _Dir, _Re, _Recursive, _Fun, Acc, _Mod) -> Acc;
fold_entries([Name | Names], Dir, Re, Recursive, Fun, Acc, Mod) ->
    File = filename:join(Dir, Name),
    Acc1 = case do_is_dir(File, Mod) of
               true when Recursive -> fold(File, Re, Recursive, Fun, Acc, Mod);
               true -> Acc;
               false ->
                   case re:run(Name, Re, [{capture, none}]) of
                       match -> Fun(File, Acc);
                       nomatch -> Acc
                   end
           end,
    fold_entries(Names, Dir, Re, Recursive, Fun, Acc1, Mod).

%% ---- Making directories ---------------------------------------------------------------

%% Makes the directories that Name's parent directory needs (not Name itself).
ensure_dir(Name) ->
    Dir = filename:dirname(Name),
    case is_dir(Dir) of
        true -> ok;
        false when Dir =:= Name -> {error, einval};
        false -> make_path(Dir)
    end.

%% Makes Path and every directory above it that is missing.
ensure_path(Path) ->
    case is_dir(Path) of
        true -> ok;
        false -> make_path(filename:flatten(Path))
    end.

make_path(Dir) ->
    _ = ensure_dir(Dir),
    case file:make_dir(Dir) of
        ok -> ok;
        {error, eexist} = Error ->
            case is_dir(Dir) of
                true -> ok;
                false -> Error
            end;
        Error -> Error
    end.

%% ---- Safe relative paths --------------------------------------------------------------

%% Filename with its "." and ".." components resolved, or `unsafe` if it is absolute or
%% climbs (by "..", or by a symbolic link under Cwd) above where it starts.
safe_relative_path(Filename, Cwd) ->
    case filename:pathtype(Filename) of
        relative ->
            case safe(filename:split(Filename), [], Cwd, 0) of
                unsafe -> unsafe;
                [] -> [];
                Kept -> join_like(Filename, lists:reverse(Kept))
            end;
        _ ->
            unsafe
    end.

%% Kept holds the components so far, last first. Links are followed at most 40 deep.
safe(_, _, _, 40) -> unsafe;
safe([], Kept, _Cwd, _Depth) -> Kept;
safe(["." | Rest], Kept, Cwd, Depth) -> safe(Rest, Kept, Cwd, Depth);
safe([".." | _], [], _Cwd, _Depth) -> unsafe;
safe([".." | Rest], [_ | Kept], Cwd, Depth) -> safe(Rest, Kept, Cwd, Depth);
safe([Name | Rest], Kept, Cwd, Depth) ->
    Path = filename:join([Cwd | lists:reverse([Name | Kept])]),
    case file:read_link(Path) of
        {ok, Target} ->
            case filename:pathtype(Target) of
                relative -> safe(filename:split(Target) ++ Rest, Kept, Cwd, Depth + 1);
                _ -> unsafe
            end;
        {error, _} ->
            safe(Rest, [Name | Kept], Cwd, Depth)
    end.

join_like(Filename, Parts) when is_binary(Filename) ->
    unicode:characters_to_binary(filename:join(Parts));
join_like(_Filename, Parts) ->
    filename:join(Parts).
