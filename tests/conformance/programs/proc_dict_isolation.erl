-module(proc_dict_isolation).
-export([main/0]).

%% Each process has its own dictionary.
main() ->
    Top = self(),
    io:format("put new: ~p~n", [put(colour, red)]),
    io:format("put again: ~p~n", [put(colour, blue)]),
    put(size, 10),
    put({tuple, key}, "value"),
    %% A child starts with an empty dictionary and changes only its own.
    spawn(fun() ->
                  Before = get(),
                  put(colour, green),
                  put(child_only, true),
                  Top ! {child, Before, get(colour), lists:sort(get_keys())}
          end),
    receive {child, Before, CC, CK} ->
            io:format("child starts with: ~p~n", [Before]),
            io:format("child colour: ~p~n", [CC]),
            io:format("child keys: ~p~n", [CK])
    end,
    io:format("parent colour unchanged: ~p~n", [get(colour)]),
    io:format("parent has no child_only: ~p~n", [get(child_only)]),
    io:format("parent keys: ~p~n", [lists:sort(get_keys())]),
    io:format("get_keys/1 for value 10: ~p~n", [get_keys(10)]),
    io:format("get/0 sorted: ~p~n", [lists:sort(get())]),
    io:format("erase key: ~p~n", [erase(size)]),
    io:format("erase missing: ~p~n", [erase(size)]),
    io:format("get missing: ~p~n", [get(size)]),
    %% Many children each counting in their own dictionary.
    Pids = [spawn(fun() ->
                          [put(counter, case get(counter) of undefined -> 1; C -> C + 1 end) || _ <- lists:seq(1, I)],
                          Top ! {count, self(), get(counter)}
                  end) || I <- lists:seq(1, 5)],
    Counts = [receive {count, P, C} -> C end || P <- Pids],
    io:format("children counters: ~p~n", [Counts]),
    io:format("parent counter: ~p~n", [get(counter)]),
    %% erase/0 returns the old contents and clears them.
    Old = erase(),
    io:format("erase/0 returned: ~p~n", [lists:sort(Old)]),
    io:format("after erase/0: ~p~n", [get()]),
    %% The dictionary of a dead process is gone with it; a new process
    %% never sees it.
    spawn(fun() -> Top ! {fresh, get(colour)} end),
    receive {fresh, F} -> io:format("fresh child colour: ~p~n", [F]) end,
    ok.
