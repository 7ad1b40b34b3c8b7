-module(unsafe_try).
-export([rebind/0, of_and_catch/1, all_clauses/1, body/1, after_part/1, catch_expr/1,
         in_a_case_branch/1, in_both_branches/1, bound_and_unsafe/1, if_branch/1]).

rebind() ->
    A = try ok catch C:R -> {C, R} end,
    B = try ok catch C:R -> {C, R} end,
    {A, B}.

of_and_catch(X) -> try X of Y -> Y catch E -> E end, {Y, E}.

all_clauses(X) -> try X of 1 -> Z = a; _ -> Z = b catch _:_ -> Z = c end, Z.

body(X) -> try Q = X, Q catch _ -> Q end, Q.

after_part(X) -> try X after Z = 1 end, Z.

catch_expr(X) -> catch (Y = X), Y.

in_a_case_branch(X) ->
    case X of
        1 -> try ok catch _:W -> W end;
        _ -> ok
    end,
    W.

in_both_branches(X) ->
    case X of
        1 -> try ok catch _:W -> W end;
        _ -> try ok catch _:W -> W end
    end,
    W.

bound_and_unsafe(X) ->
    case X of
        1 -> W = 1;
        _ -> try ok catch _:W -> W end
    end,
    W.

if_branch(X) ->
    if X -> V = (catch 1); true -> try ok catch _:V -> V end end,
    V.
