-module(proc_crash_error_monitor).
-export([main/0, id/1]).

%% A spawned process that dies from an uncaught error: the parent goes on,
%% and a monitor sees {Reason, Stack}. Only the reason is printed.
main() ->
    quiet(),
    lists:foreach(fun({Label, F}) -> run(Label, F) end,
                  [{"badarith", fun() -> 1 / zero() end},
                   {"badmatch", fun() -> {a, _} = id({b, c}) end},
                   {"function_clause", fun() -> only_one(two) end},
                   {"case_clause", fun() -> case id(x) of y -> y end end},
                   {"undef", fun() -> no_such_module:no_such_function() end},
                   {"error/1 custom", fun() -> error({my_error, 42}) end},
                   {"badarg", fun() -> list_to_atom(id(42)) end},
                   {"error/2", fun() -> error(with_args, [1, 2]) end}]),
    io:format("parent still running: ~p~n", [is_process_alive(self())]),
    ok.

run(Label, F) ->
    {P, Ref} = spawn_monitor(F),
    receive
        {'DOWN', Ref, process, P, {Reason, Stack}} when is_list(Stack) ->
            io:format("~s: ~p~n", [Label, Reason]);
        {'DOWN', Ref, process, P, Other} ->
            io:format("~s: unexpected shape ~p~n", [Label, Other])
    end.

zero() -> ?MODULE:id(0).
id(X) -> X.
only_one(one) -> ok.

%% erl's logger prints a timestamped report for every process that dies
%% from an uncaught error; switch it off so the output is deterministic.
quiet() -> catch logger:set_primary_config(level, none).
