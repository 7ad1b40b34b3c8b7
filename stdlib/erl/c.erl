%% c: the shell's helper functions, callable from any code (the shell also has them as
%% commands). c/1,2 compile and load an Erlang source file (no .beam is written: ember
%% loads from sources); the listing and inspection functions are ember_shell's.
-module(c).

-export([c/1, c/2, l/1, pid/3, flush/0, i/0, i/1, i/3, regs/0, m/0, m/1, pwd/0, cd/1,
         ls/0, ls/1, memory/0, memory/1, q/0]).

%% Compiles and loads File (with or without .erl): {ok, Module} or error.
c(File) -> c(File, []).

c(File, _Options) ->
    Name = to_list(File),
    Base = case filename:extension(Name) of
               ".erl" -> filename:rootname(Name);
               _ -> Name
           end,
    case filelib:is_regular(Base ++ ".erl") of
        false when is_atom(File) ->
            {error, non_existing};
        false ->
            io:format("~ts: no such file or directory~n", [Base ++ ".erl"]),
            error;
        true ->
            case code:load_abs(Base) of
                {module, Module} -> {ok, Module};
                {error, _} -> error
            end
    end.

%% Loads Module again from its source on the code path.
l(Module) ->
    case code:is_sticky(Module) of
        true ->
            {error, sticky_directory};
        false ->
            code:purge(Module),
            code:load_file(Module)
    end.

%% The pid <X.Y.Z>.
pid(X, Y, Z) ->
    list_to_pid("<" ++ integer_to_list(X) ++ "." ++ integer_to_list(Y) ++ "." ++
                    integer_to_list(Z) ++ ">").

flush() -> ember_shell:flush().
i() -> ember_shell:i().
i(Pid) -> ember_shell:i(Pid).
i(X, Y, Z) -> ember_shell:i(pid(X, Y, Z)).
regs() -> ember_shell:regs().
m() -> ember_shell:m().
m(Module) -> ember_shell:m(Module).
pwd() -> ember_shell:pwd().
cd(Dir) -> ember_shell:cd(Dir).
ls() -> ember_shell:ls().
ls(Dir) -> ember_shell:ls(Dir).
memory() -> erlang:memory().
memory(Kind) -> erlang:memory(Kind).

%% Stops the VM (init:stop/0).
q() -> init:stop().

to_list(A) when is_atom(A) -> atom_to_list(A);
to_list(L) when is_list(L) -> L.
