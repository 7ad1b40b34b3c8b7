-module(proc_spawn_fun).
-export([main/0]).

%% spawn/1 with closures: the child computes something from captured
%% variables and sends it back to the parent.
main() ->
    Parent = self(),
    io:format("self is pid: ~p~n", [is_pid(Parent)]),
    Child = spawn(fun() -> Parent ! {self(), hello} end),
    io:format("child is pid: ~p~n", [is_pid(Child)]),
    io:format("child differs from parent: ~p~n", [Child =/= Parent]),
    receive
        {From, Msg} ->
            io:format("message: ~p~n", [Msg]),
            io:format("sender is the child: ~p~n", [From =:= Child])
    end,
    X = 6,
    Y = 7,
    spawn(fun() -> Parent ! {product, X * Y} end),
    receive {product, P} -> io:format("product from closure: ~p~n", [P]) end,
    %% The child sees its own self(), not the parent's.
    spawn(fun() -> Parent ! {same, self() =:= Parent} end),
    receive {same, S} -> io:format("child self equals parent: ~p~n", [S]) end,
    %% A list of children, each sends back its index.
    Pids = [spawn(fun() -> Parent ! {idx, self(), I * I} end) || I <- lists:seq(1, 5)],
    Squares = [receive {idx, Pid, V} -> V end || Pid <- Pids],
    io:format("squares in spawn order: ~p~n", [Squares]),
    io:format("distinct pids: ~p~n", [length(lists:usort(Pids))]),
    %% Nested spawn: a child spawns a grandchild that answers the parent.
    spawn(fun() -> spawn(fun() -> Parent ! grandchild end) end),
    receive grandchild -> io:format("grandchild reported~n") end,
    ok.
