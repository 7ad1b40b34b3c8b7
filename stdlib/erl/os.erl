%% os: the parts of the os module written in Erlang. The environment, the process and the
%% clocks are built-ins (vm/src/bif/os.rs, time.rs); loading this module adds cmd/1,2 and
%% find_executable/1,2 to them.
-module(os).

-export([cmd/1, cmd/2, find_executable/1, find_executable/2]).

%% The output of a shell command (standard error included): characters when it is UTF-8,
%% else bytes. It runs on the VM's blocking pool, off the schedulers.
cmd(Command) -> cmd(Command, #{}).

cmd(Command, Options) when is_map(Options) ->
    Text = try
               command_text(Command)
           catch
               error:_ -> erlang:error(badarg, [Command])
           end,
    Max = maps:get(max_size, Options, infinity),
    prim_file:await(ember_os:cmd(Text, Max)).

command_text(A) when is_atom(A) -> atom_to_list(A);
command_text(L) when is_list(L) ->
    case io_lib:deep_char_list(L) of
        true -> lists:flatten(L);
        false -> erlang:error(badarg)
    end.

%% The first executable file called Name in the directories of $PATH (or of Path).
find_executable(Name) ->
    find_executable(Name, getenv("PATH", "")).

find_executable(Name, Path) ->
    case filename:pathtype(Name) of
        absolute -> executable(Name);
        _ -> first_executable(Name, string:split(Path, ":", all))
    end.

first_executable(_Name, []) -> false;
first_executable(Name, [Dir | Dirs]) ->
    case executable(filename:join(Dir, Name)) of
        false -> first_executable(Name, Dirs);
        Full -> Full
    end.

executable(File) ->
    case file:read_file_info(File) of
        {ok, {file_info, _, regular, _, _, _, _, Mode, _, _, _, _, _, _}} when Mode band 8#111 =/= 0 ->
            File;
        _ ->
            false
    end.

getenv(Name, Default) -> os:getenv(Name, Default).
