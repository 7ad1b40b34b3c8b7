-module(err_caught_all).
-export([main/0]).

-record(rec, {a}).

main() ->
    Cases = [
        {badmatch, fun() -> {x, _} = id({y, 1}) end},
        {function_clause, fun() -> only_ints(id(atom)) end},
        {case_clause, fun() -> case id(7) of 1 -> one end end},
        {if_clause, fun() -> X = id(0), if X > 0 -> pos end end},
        {try_clause, fun() -> try id(5) of 1 -> one catch _ -> caught end end},
        {badarith_div, fun() -> 1 div id(0) end},
        {badarith_atom, fun() -> id(a) * 2 end},
        {badarg_bif, fun() -> atom_to_list(id(1)) end},
        {badarg_hd, fun() -> hd(id([])) end},
        {undef_fun, fun() -> lists:no_such_fun() end},
        {undef_mod, fun() -> (id(nomodule)):f() end},
        {badfun, fun() -> (id(notafun))() end},
        {badarity, fun() -> (id(fun(A) -> A end))(1, 2) end},
        {badkey, fun() -> maps:get(missing, id(#{})) end},
        {badkey_update, fun() -> (id(#{}))#{k := v} end},
        {badmap, fun() -> (id(list))#{k => v} end},
        {bad_generator, fun() -> [X || X <- id(notlist)] end},
        {bad_bin_generator, fun() -> [X || <<X>> <= id(notbin)] end},
        {badrecord, fun() -> (id(other))#rec.a end},
        {bad_binary, fun() -> <<(id(atom))/binary>> end},
        {system_limit, fun() -> list_to_atom(lists:duplicate(id(300), $a)) end},
        {throw, fun() -> throw({custom, data}) end},
        {exit, fun() -> exit(goodbye) end},
        {error_term, fun() -> error({my, error}) end},
        {bad_list_append, fun() -> id(a) ++ [b] end},
        {bad_element, fun() -> element(id(10), {a}) end},
        {noproc_like_exit, fun() -> exit({noproc, {mod, fn, []}}) end}
    ],
    lists:foreach(fun({Name, F}) ->
                          R = try F() of
                                  V -> {returned, V}
                              catch
                                  Class:Reason -> {Class, Reason}
                              end,
                          io:format("~p: ~p~n", [Name, strip(R)])
                  end, Cases),
    ok.

id(X) -> X.

only_ints(N) when is_integer(N) -> N.

%% Replace the fun inside a badarity reason, since funs are not printable deterministically.
strip({error, {badarity, {F, Args}}}) when is_function(F) -> {error, {badarity, {a_fun, Args}}};
strip(R) -> R.
