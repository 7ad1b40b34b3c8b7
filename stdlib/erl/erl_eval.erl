%% erl_eval: an evaluator of Erlang expressions in the abstract format (what
%% erl_parse:parse_exprs/1 gives), with bindings, as OTP's is.
%%
%% Bindings come in as an orddict ([{Name, Value}], what new_bindings/0 makes) or a map,
%% and go back out in the same form. Local calls go to the auto-imported built-ins, else to
%% the local function handler ({value, Fun}: Fun(Name, Args); {eval, Fun}:
%% Fun(Name, ArgExprs, Bindings) -> {value, V, Bindings}), else fail with undef; remote calls
%% go to the non-local function handler if there is one ({value, Fun}: Fun({M, F}, Args)).
%% Funs made here are real funs that evaluate their clauses when called. receive takes
%% messages out to look at them and puts back (at the front, in order) those no clause
%% matches. Records are not known here: they fail with {undefined_record, Name}.
-module(erl_eval).

-export([exprs/2, exprs/3, exprs/4, expr/2, expr/3, expr/4, expr/5,
         expr_list/2, expr_list/3, expr_list/4,
         new_bindings/0, bindings/1, binding/2, add_binding/3, del_binding/2,
         is_constant_expr/1]).

-record(h, {lfh = none, efh = none}).

%% ---- The interface --------------------------------------------------------------------

new_bindings() -> [].

bindings(Bs) when is_map(Bs) -> lists:sort(maps:to_list(Bs));
bindings(Bs) when is_list(Bs) -> Bs.

binding(Name, Bs) when is_map(Bs) ->
    case Bs of
        #{Name := V} -> {value, V};
        #{} -> unbound
    end;
binding(Name, Bs) when is_list(Bs) ->
    case lists:keyfind(Name, 1, Bs) of
        {_, V} -> {value, V};
        false -> unbound
    end.

add_binding(Name, V, Bs) when is_map(Bs) -> Bs#{Name => V};
add_binding(Name, V, Bs) when is_list(Bs) -> orddict:store(Name, V, Bs).

del_binding(Name, Bs) when is_map(Bs) -> maps:remove(Name, Bs);
del_binding(Name, Bs) when is_list(Bs) -> lists:keydelete(Name, 1, Bs).

exprs(Es, Bs) -> exprs(Es, Bs, none, none).

exprs(Es, Bs, Lfh) -> exprs(Es, Bs, Lfh, none).

%% (A variable that is not bound is {unbound_var, Name}, as in erl; erl finds it before
%% evaluating anything, here what comes before it has been evaluated.)
exprs(Es, Bs0, Lfh, Efh) ->
    {V, Bs} = body(Es, in(Bs0), #h{lfh = Lfh, efh = Efh}),
    {value, V, out(Bs, Bs0)}.

expr(E, Bs) -> expr(E, Bs, none, none).

expr(E, Bs, Lfh) -> expr(E, Bs, Lfh, none).

expr(E, Bs0, Lfh, Efh) ->
    {V, Bs} = eval(E, in(Bs0), #h{lfh = Lfh, efh = Efh}),
    {value, V, out(Bs, Bs0)}.

%% With `value` as the last argument only the value is given back.
expr(E, Bs, Lfh, Efh, value) ->
    {value, V, _} = expr(E, Bs, Lfh, Efh),
    V;
expr(E, Bs, Lfh, Efh, none) ->
    expr(E, Bs, Lfh, Efh).

expr_list(Es, Bs) -> expr_list(Es, Bs, none, none).

expr_list(Es, Bs, Lfh) -> expr_list(Es, Bs, Lfh, none).

%% Each expression is evaluated with the bindings given; the bindings they make are merged
%% (two values for one variable are a badmatch). A variable not bound is {unbound, Name}.
expr_list(Es, Bs0, Lfh, Efh) ->
    H = #h{lfh = Lfh, efh = Efh},
    Bs = in(Bs0),
    Results = try [eval(E, Bs, H) || E <- Es]
              catch error:{unbound_var, Name} -> erlang:raise(error, {unbound, Name}, [])
              end,
    Merged = lists:foldl(fun({_, B}, Acc) -> merge(B, Acc) end, Bs, Results),
    {[V || {V, _} <- Results], out(Merged, Bs0)}.

merge(New, Acc) ->
    maps:fold(fun(K, V, A) ->
                      case A of
                          #{K := V} -> A;
                          #{K := Old} -> erlang:raise(error, {badmatch, Old}, []);
                          #{} -> A#{K => V}
                      end
              end, Acc, New).

%% Is E a constant number: numbers and operators only, evaluating without failing?
is_constant_expr(E) ->
    constant_parts(E) andalso
        try eval(E, #{}, #h{}) of
            _ -> true
        catch _:_ -> false
        end.

constant_parts({Tag, _, _}) when Tag =:= integer; Tag =:= float; Tag =:= char -> true;
constant_parts({op, _, _, A}) -> constant_parts(A);
constant_parts({op, _, '!', _, _}) -> false;
constant_parts({op, _, _, L, R}) -> constant_parts(L) andalso constant_parts(R);
constant_parts(_) -> false.

in(Bs) when is_map(Bs) -> Bs;
in(Bs) when is_list(Bs) -> maps:from_list(Bs).

out(Bs, Given) when is_map(Given) -> Bs;
out(Bs, _Given) -> lists:sort(maps:to_list(Bs)).

%% ---- Expressions ----------------------------------------------------------------------

body([E], Bs, H) -> eval(E, Bs, H);
body([E | Es], Bs, H) ->
    {_, Bs1} = eval(E, Bs, H),
    body(Es, Bs1, H).

eval_list([], Bs, _H) -> {[], Bs};
eval_list([E | Es], Bs, H) ->
    {V, Bs1} = eval(E, Bs, H),
    {Vs, Bs2} = eval_list(Es, Bs1, H),
    {[V | Vs], Bs2}.

eval({integer, _, I}, Bs, _H) -> {I, Bs};
eval({float, _, F}, Bs, _H) -> {F, Bs};
eval({atom, _, A}, Bs, _H) -> {A, Bs};
eval({string, _, S}, Bs, _H) -> {S, Bs};
eval({char, _, C}, Bs, _H) -> {C, Bs};
eval({nil, _}, Bs, _H) -> {[], Bs};
eval({var, _, V}, Bs, _H) ->
    case Bs of
        #{V := Value} -> {Value, Bs};
        #{} -> erlang:raise(error, {unbound_var, V}, [])
    end;
eval({cons, _, H0, T0}, Bs, H) ->
    {Hd, Bs1} = eval(H0, Bs, H),
    {Tl, Bs2} = eval(T0, Bs1, H),
    {[Hd | Tl], Bs2};
eval({tuple, _, Es}, Bs, H) ->
    {Vs, Bs1} = eval_list(Es, Bs, H),
    {list_to_tuple(Vs), Bs1};
eval({bin, _, Elems}, Bs, H) ->
    build_bin(Elems, Bs, H, <<>>);
eval({op, _, 'andalso', L, R}, Bs, H) ->
    case eval(L, Bs, H) of
        {true, Bs1} -> eval(R, Bs1, H);
        {false, Bs1} -> {false, Bs1};
        {V, _} -> erlang:raise(error, {badarg, V}, [])
    end;
eval({op, _, 'orelse', L, R}, Bs, H) ->
    case eval(L, Bs, H) of
        {false, Bs1} -> eval(R, Bs1, H);
        {true, Bs1} -> {true, Bs1};
        {V, _} -> erlang:raise(error, {badarg, V}, [])
    end;
eval({op, _, Op, A0}, Bs, H) ->
    {A, Bs1} = eval(A0, Bs, H),
    {call(erlang, Op, [A], H), Bs1};
eval({op, _, Op, L0, R0}, Bs, H) ->
    {L, Bs1} = eval(L0, Bs, H),
    {R, Bs2} = eval(R0, Bs1, H),
    {call(erlang, Op, [L, R], H), Bs2};
eval({match, _, P, E}, Bs, H) ->
    {V, Bs1} = eval(E, Bs, H),
    case match(P, V, Bs1, H) of
        {match, Bs2} -> {V, Bs2};
        nomatch -> erlang:raise(error, {badmatch, V}, [])
    end;
eval({call, _, {remote, _, M0, F0}, As0}, Bs, H) ->
    {M, Bs1} = eval(M0, Bs, H),
    {F, Bs2} = eval(F0, Bs1, H),
    {As, Bs3} = eval_list(As0, Bs2, H),
    {call(M, F, As, H), Bs3};
eval({call, _, {atom, _, F}, As0}, Bs, H) ->
    Arity = length(As0),
    case erl_internal:bif(F, Arity) of
        true ->
            {As, Bs1} = eval_list(As0, Bs, H),
            {call(erlang, F, As, H), Bs1};
        false ->
            local_call(F, As0, Bs, H)
    end;
eval({call, _, F0, As0}, Bs, H) ->
    {F, Bs1} = eval(F0, Bs, H),
    {As, Bs2} = eval_list(As0, Bs1, H),
    {apply(F, As), Bs2};
eval({'case', _, E, Cs}, Bs, H) ->
    {V, Bs1} = eval(E, Bs, H),
    case match_clause(Cs, [V], Bs1, H) of
        {Body, Bs2} -> body(Body, Bs2, H);
        nomatch -> erlang:raise(error, {case_clause, V}, [])
    end;
eval({'if', _, Cs}, Bs, H) ->
    case match_clause(Cs, [], Bs, H) of
        {Body, Bs1} -> body(Body, Bs1, H);
        nomatch -> erlang:raise(error, if_clause, [])
    end;
eval({'receive', _, Cs}, Bs, H) ->
    do_receive(Cs, infinity, [], Bs, H);
eval({'receive', _, Cs, T0, After}, Bs, H) ->
    {T, Bs1} = eval(T0, Bs, H),
    if
        T =:= infinity; is_integer(T), T >= 0 -> do_receive(Cs, T, After, Bs1, H);
        true -> erlang:raise(error, timeout_value, [])
    end;
eval({'try', _, Body, Of, Catches, After}, Bs, H) ->
    try body(Body, Bs, H) of
        {V, Bs1} when Of =:= [] -> {V, Bs1};
        {V, Bs1} ->
            case match_clause(Of, [V], Bs1, H) of
                {B, Bs2} -> body(B, Bs2, H);
                nomatch -> erlang:raise(error, {try_clause, V}, [])
            end
    catch
        Class:Reason:Stack when Catches =/= [] ->
            case match_clause(Catches, [{Class, Reason, Stack}], Bs, H) of
                {B, Bs2} -> body(B, Bs2, H);
                nomatch -> erlang:raise(Class, Reason, Stack)
            end
    after
        case After of
            [] -> ok;
            _ -> body(After, Bs, H)
        end
    end;
eval({'catch', _, E}, Bs, H) ->
    try eval(E, Bs, H) of
        {V, _} -> {V, Bs}
    catch
        throw:T -> {T, Bs};
        exit:R -> {{'EXIT', R}, Bs};
        error:R:S -> {{'EXIT', {R, S}}, Bs}
    end;
eval({block, _, Es}, Bs, H) ->
    body(Es, Bs, H);
eval({'fun', _, {clauses, Cs}}, Bs, H) ->
    {make_fun(Cs, Bs, H), Bs};
eval({named_fun, _, Name, Cs}, Bs, H) ->
    {make_named_fun(Name, Cs, Bs, H), Bs};
eval({'fun', _, {function, F, A}}, _Bs, _H) ->
    %% A local function: there are none here (erl_eval says so of built-ins too).
    erlang:raise(error, undef, [{erl_eval, F, A}]);
eval({'fun', _, {function, M0, F0, A0}}, Bs, H) ->
    {M, Bs1} = eval(M0, Bs, H),
    {F, Bs2} = eval(F0, Bs1, H),
    {A, Bs3} = eval(A0, Bs2, H),
    {erlang:make_fun(M, F, A), Bs3};
eval({lc, _, E, Qs}, Bs, H) ->
    {lc(Qs, E, Bs, H), Bs};
eval({bc, _, E, Qs}, Bs, H) ->
    {list_to_bitstring(lc(Qs, E, Bs, H)), Bs};
eval({map, _, Fields}, Bs, H) ->
    lists:any(fun(F) -> element(1, F) =:= map_field_exact end, Fields)
        andalso erlang:raise(error, illegal_map_construction, []),
    {Pairs, Bs1} = map_pairs(Fields, Bs, H),
    {maps:from_list([{K, V} || {_, K, V} <- Pairs]), Bs1};
eval({map, _, M0, Fields}, Bs, H) ->
    {M, Bs1} = eval(M0, Bs, H),
    {Pairs, Bs2} = map_pairs(Fields, Bs1, H),
    is_map(M) orelse erlang:raise(error, {badmap, M}, []),
    {lists:foldl(fun({assoc, K, V}, Acc) -> Acc#{K => V};
                    ({exact, K, V}, Acc) ->
                         is_map_key(K, Acc) orelse erlang:raise(error, {badkey, K}, []),
                         Acc#{K => V}
                 end, M, Pairs), Bs2};
eval({record, _, Name, _}, _Bs, _H) -> erlang:raise(error, {undefined_record, Name}, []);
eval({record, _, _, Name, _}, _Bs, _H) -> erlang:raise(error, {undefined_record, Name}, []);
eval({record_field, _, _, Name, _}, _Bs, _H) -> erlang:raise(error, {undefined_record, Name}, []);
eval({record_index, _, Name, _}, _Bs, _H) -> erlang:raise(error, {undefined_record, Name}, []);
eval(Other, _Bs, _H) ->
    erlang:raise(error, {illegal_expr, Other}, []).

%% A call of a function of another module (or of a built-in or an operator), through the
%% non-local function handler if there is one, as erl routes it.
call(M, F, As, #h{efh = {value, Fun}}) -> Fun({M, F}, As);
call(erlang, '!', [To, Msg], _H) -> erlang:send(To, Msg);
call(M, F, As, _H) -> apply(M, F, As).

local_call(F, As0, Bs, H) ->
    case H#h.lfh of
        {value, Fun} ->
            {As, Bs1} = eval_list(As0, Bs, H),
            {Fun(F, As), Bs1};
        {eval, Fun} ->
            {value, V, Bs1} = Fun(F, As0, lists:sort(maps:to_list(Bs))),
            {V, in(Bs1)};
        _ ->
            erlang:raise(error, undef, [{erl_eval, F, length(As0)}])
    end.

map_pairs([], Bs, _H) -> {[], Bs};
map_pairs([{Kind, _, K0, V0} | Fields], Bs, H) ->
    {K, Bs1} = eval(K0, Bs, H),
    {V, Bs2} = eval(V0, Bs1, H),
    {Rest, Bs3} = map_pairs(Fields, Bs2, H),
    Tag = case Kind of map_field_assoc -> assoc; map_field_exact -> exact end,
    {[{Tag, K, V} | Rest], Bs3}.

%% ---- Comprehensions -------------------------------------------------------------------

lc([{generate, _, P, E} | Qs], Body, Bs, H) ->
    {L, _} = eval(E, Bs, H),
    generate(L, P, Qs, Body, fresh(P, Bs), H);
lc([{b_generate, _, P, E} | Qs], Body, Bs, H) ->
    {Bin, _} = eval(E, Bs, H),
    is_bitstring(Bin) orelse erlang:raise(error, {bad_generator, Bin}, []),
    b_generate(Bin, P, Qs, Body, fresh(P, Bs), H);
lc([Filter | Qs], Body, Bs, H) ->
    case filter(Filter, Bs, H) of
        {true, Bs1} -> lc(Qs, Body, Bs1, H);
        {false, _} -> [];
        {V, _} -> erlang:raise(error, {bad_filter, V}, [])
    end;
lc([], Body, Bs, H) ->
    {V, _} = eval(Body, Bs, H),
    [V].

generate([V | Vs], P, Qs, Body, Bs, H) ->
    Here = case match(P, V, Bs, H) of
               {match, Bs1} -> lc(Qs, Body, Bs1, H);
               nomatch -> []
           end,
    Here ++ generate(Vs, P, Qs, Body, Bs, H);
generate([], _P, _Qs, _Body, _Bs, _H) -> [];
generate(Other, _P, _Qs, _Body, _Bs, _H) -> erlang:raise(error, {bad_generator, Other}, []).

%% A bitstring generator takes from the front as long as the pattern's segments fit: a
%% piece whose values do not match the pattern is skipped.
b_generate(Bin, {bin, _, Elems} = P, Qs, Body, Bs, H) ->
    case match_bits(Elems, Bin, Bs, H) of
        {match, Bs1, Rest} when bit_size(Rest) < bit_size(Bin) ->
            lc(Qs, Body, Bs1, H) ++ b_generate(Rest, P, Qs, Body, Bs, H);
        _ ->
            case match_bits(lists:append([shape(E) || E <- Elems]), Bin, Bs, H) of
                {match, _, Rest} when bit_size(Rest) < bit_size(Bin) ->
                    b_generate(Rest, P, Qs, Body, Bs, H);
                _ ->
                    []
            end
    end.

%% A segment with its value pattern made `_` (a string, one per character): what it takes,
%% whatever the value.
shape({bin_element, A, {string, _, S}, Size, Specs}) ->
    [{bin_element, A, {var, A, '_'}, Size, Specs} || _ <- S];
shape({bin_element, A, _Value, Size, Specs}) ->
    [{bin_element, A, {var, A, '_'}, Size, Specs}].

%% A filter that is a guard test holds as a guard holds (failing, or not true, is false);
%% any other is an expression that must give a boolean.
filter(F, Bs, H) ->
    case guard_test(F) of
        true -> {test(F, Bs, H), Bs};
        false -> eval(F, Bs, H)
    end.

%% Is E made of what a guard may hold only: variables, constants, operators (not !) and
%% the guard built-ins?
guard_test({var, _, _}) -> true;
guard_test({Tag, _, _}) when Tag =:= integer; Tag =:= float; Tag =:= atom; Tag =:= char;
                             Tag =:= string -> true;
guard_test({nil, _}) -> true;
guard_test({cons, _, A, B}) -> guard_test(A) andalso guard_test(B);
guard_test({tuple, _, Es}) -> lists:all(fun guard_test/1, Es);
guard_test({op, _, '!', _, _}) -> false;
guard_test({op, _, _, A}) -> guard_test(A);
guard_test({op, _, _, A, B}) -> guard_test(A) andalso guard_test(B);
guard_test({call, _, {atom, _, F}, As}) ->
    erl_internal:guard_bif(F, length(As)) andalso lists:all(fun guard_test/1, As);
guard_test({call, _, {remote, _, {atom, _, erlang}, {atom, _, F}}, As}) ->
    erl_internal:guard_bif(F, length(As)) andalso lists:all(fun guard_test/1, As);
guard_test(_) -> false.

%% ---- Funs -----------------------------------------------------------------------------

%% Funs of up to 20 arguments, as erl_eval makes them.
make_fun(Cs, Bs, H) ->
    case arity(Cs) of
        0 -> fun() -> call_fun(Cs, [], Bs, H) end;
        1 -> fun(A) -> call_fun(Cs, [A], Bs, H) end;
        2 -> fun(A, B) -> call_fun(Cs, [A, B], Bs, H) end;
        3 -> fun(A, B, C) -> call_fun(Cs, [A, B, C], Bs, H) end;
        4 -> fun(A, B, C, D) -> call_fun(Cs, [A, B, C, D], Bs, H) end;
        5 -> fun(A, B, C, D, E) -> call_fun(Cs, [A, B, C, D, E], Bs, H) end;
        6 -> fun(A, B, C, D, E, F) -> call_fun(Cs, [A, B, C, D, E, F], Bs, H) end;
        7 -> fun(A, B, C, D, E, F, G) -> call_fun(Cs, [A, B, C, D, E, F, G], Bs, H) end;
        8 -> fun(A, B, C, D, E, F, G, I) -> call_fun(Cs, [A, B, C, D, E, F, G, I], Bs, H) end;
        9 -> fun(A, B, C, D, E, F, G, I, J) -> call_fun(Cs, [A, B, C, D, E, F, G, I, J], Bs, H) end;
        10 -> fun(A, B, C, D, E, F, G, I, J, K) -> call_fun(Cs, [A, B, C, D, E, F, G, I, J, K], Bs, H) end;
        11 -> fun(A, B, C, D, E, F, G, I, J, K, L) -> call_fun(Cs, [A, B, C, D, E, F, G, I, J, K, L], Bs, H) end;
        12 -> fun(A, B, C, D, E, F, G, I, J, K, L, M) -> call_fun(Cs, [A, B, C, D, E, F, G, I, J, K, L, M], Bs, H) end;
        13 -> fun(A, B, C, D, E, F, G, I, J, K, L, M, N) -> call_fun(Cs, [A, B, C, D, E, F, G, I, J, K, L, M, N], Bs, H) end;
        14 -> fun(A, B, C, D, E, F, G, I, J, K, L, M, N, O) -> call_fun(Cs, [A, B, C, D, E, F, G, I, J, K, L, M, N, O], Bs, H) end;
        15 -> fun(A, B, C, D, E, F, G, I, J, K, L, M, N, O, P) -> call_fun(Cs, [A, B, C, D, E, F, G, I, J, K, L, M, N, O, P], Bs, H) end;
        16 -> fun(A, B, C, D, E, F, G, I, J, K, L, M, N, O, P, Q) -> call_fun(Cs, [A, B, C, D, E, F, G, I, J, K, L, M, N, O, P, Q], Bs, H) end;
        17 -> fun(A, B, C, D, E, F, G, I, J, K, L, M, N, O, P, Q, R) -> call_fun(Cs, [A, B, C, D, E, F, G, I, J, K, L, M, N, O, P, Q, R], Bs, H) end;
        18 -> fun(A, B, C, D, E, F, G, I, J, K, L, M, N, O, P, Q, R, S) -> call_fun(Cs, [A, B, C, D, E, F, G, I, J, K, L, M, N, O, P, Q, R, S], Bs, H) end;
        19 -> fun(A, B, C, D, E, F, G, I, J, K, L, M, N, O, P, Q, R, S, T) -> call_fun(Cs, [A, B, C, D, E, F, G, I, J, K, L, M, N, O, P, Q, R, S, T], Bs, H) end;
        20 -> fun(A, B, C, D, E, F, G, I, J, K, L, M, N, O, P, Q, R, S, T, U) -> call_fun(Cs, [A, B, C, D, E, F, G, I, J, K, L, M, N, O, P, Q, R, S, T, U], Bs, H) end;
        N -> erlang:raise(error, {argument_limit, {'fun', N}}, [])
    end.

make_named_fun(Name, Cs, Bs, H) ->
    case arity(Cs) of
        0 -> fun Self() -> call_fun(Cs, [], Bs#{Name => Self}, H) end;
        1 -> fun Self(A) -> call_fun(Cs, [A], Bs#{Name => Self}, H) end;
        2 -> fun Self(A, B) -> call_fun(Cs, [A, B], Bs#{Name => Self}, H) end;
        3 -> fun Self(A, B, C) -> call_fun(Cs, [A, B, C], Bs#{Name => Self}, H) end;
        4 -> fun Self(A, B, C, D) -> call_fun(Cs, [A, B, C, D], Bs#{Name => Self}, H) end;
        5 -> fun Self(A, B, C, D, E) -> call_fun(Cs, [A, B, C, D, E], Bs#{Name => Self}, H) end;
        6 -> fun Self(A, B, C, D, E, F) -> call_fun(Cs, [A, B, C, D, E, F], Bs#{Name => Self}, H) end;
        7 -> fun Self(A, B, C, D, E, F, G) -> call_fun(Cs, [A, B, C, D, E, F, G], Bs#{Name => Self}, H) end;
        8 -> fun Self(A, B, C, D, E, F, G, I) -> call_fun(Cs, [A, B, C, D, E, F, G, I], Bs#{Name => Self}, H) end;
        9 -> fun Self(A, B, C, D, E, F, G, I, J) -> call_fun(Cs, [A, B, C, D, E, F, G, I, J], Bs#{Name => Self}, H) end;
        10 -> fun Self(A, B, C, D, E, F, G, I, J, K) -> call_fun(Cs, [A, B, C, D, E, F, G, I, J, K], Bs#{Name => Self}, H) end;
        11 -> fun Self(A, B, C, D, E, F, G, I, J, K, L) -> call_fun(Cs, [A, B, C, D, E, F, G, I, J, K, L], Bs#{Name => Self}, H) end;
        12 -> fun Self(A, B, C, D, E, F, G, I, J, K, L, M) -> call_fun(Cs, [A, B, C, D, E, F, G, I, J, K, L, M], Bs#{Name => Self}, H) end;
        13 -> fun Self(A, B, C, D, E, F, G, I, J, K, L, M, N) -> call_fun(Cs, [A, B, C, D, E, F, G, I, J, K, L, M, N], Bs#{Name => Self}, H) end;
        14 -> fun Self(A, B, C, D, E, F, G, I, J, K, L, M, N, O) -> call_fun(Cs, [A, B, C, D, E, F, G, I, J, K, L, M, N, O], Bs#{Name => Self}, H) end;
        15 -> fun Self(A, B, C, D, E, F, G, I, J, K, L, M, N, O, P) -> call_fun(Cs, [A, B, C, D, E, F, G, I, J, K, L, M, N, O, P], Bs#{Name => Self}, H) end;
        16 -> fun Self(A, B, C, D, E, F, G, I, J, K, L, M, N, O, P, Q) -> call_fun(Cs, [A, B, C, D, E, F, G, I, J, K, L, M, N, O, P, Q], Bs#{Name => Self}, H) end;
        17 -> fun Self(A, B, C, D, E, F, G, I, J, K, L, M, N, O, P, Q, R) -> call_fun(Cs, [A, B, C, D, E, F, G, I, J, K, L, M, N, O, P, Q, R], Bs#{Name => Self}, H) end;
        18 -> fun Self(A, B, C, D, E, F, G, I, J, K, L, M, N, O, P, Q, R, S) -> call_fun(Cs, [A, B, C, D, E, F, G, I, J, K, L, M, N, O, P, Q, R, S], Bs#{Name => Self}, H) end;
        19 -> fun Self(A, B, C, D, E, F, G, I, J, K, L, M, N, O, P, Q, R, S, T) -> call_fun(Cs, [A, B, C, D, E, F, G, I, J, K, L, M, N, O, P, Q, R, S, T], Bs#{Name => Self}, H) end;
        20 -> fun Self(A, B, C, D, E, F, G, I, J, K, L, M, N, O, P, Q, R, S, T, U) -> call_fun(Cs, [A, B, C, D, E, F, G, I, J, K, L, M, N, O, P, Q, R, S, T, U], Bs#{Name => Self}, H) end;
        N -> erlang:raise(error, {argument_limit, {named_fun, N}}, [])
    end.

arity([{clause, _, Ps, _, _} | _]) -> length(Ps).

call_fun(Cs, Args, Bs, H) ->
    Fresh = lists:foldl(fun fresh/2, Bs, [P || {clause, _, Ps, _, _} <- Cs, P <- Ps]),
    case match_clause(Cs, Args, Fresh, H) of
        {Body, Bs1} ->
            {V, _} = body(Body, Bs1, H),
            V;
        nomatch ->
            erlang:raise(error, function_clause, [{erl_eval, '-inside-an-interpreted-fun-', Args}])
    end.

%% The bindings without the variables of pattern P, which are new in it.
fresh(P, Bs) -> maps:without(pattern_vars(P, []), Bs).

pattern_vars({var, _, '_'}, Acc) -> Acc;
pattern_vars({var, _, V}, Acc) -> [V | Acc];
pattern_vars(T, Acc) when is_tuple(T) -> pattern_vars(tuple_to_list(T), Acc);
pattern_vars([X | Xs], Acc) -> pattern_vars(Xs, pattern_vars(X, Acc));
pattern_vars(_, Acc) -> Acc.

%% ---- receive --------------------------------------------------------------------------

%% Takes the messages one at a time: the first a clause matches is the one received; those
%% looked at before it go back to the front of the mailbox.
do_receive(Cs, Timeout, After, Bs, H) ->
    Deadline = case Timeout of
                   infinity -> infinity;
                   _ -> erlang:monotonic_time(millisecond) + Timeout
               end,
    receive_loop(Cs, Deadline, After, Bs, H, []).

receive_loop(Cs, Deadline, After, Bs, H, Seen) ->
    Wait = case Deadline of
               infinity -> infinity;
               _ -> max(0, Deadline - erlang:monotonic_time(millisecond))
           end,
    receive
        Msg ->
            case match_clause(Cs, [Msg], Bs, H) of
                {Body, Bs1} ->
                    ember_eval:unreceive(lists:reverse(Seen)),
                    body(Body, Bs1, H);
                nomatch ->
                    receive_loop(Cs, Deadline, After, Bs, H, [Msg | Seen])
            end
    after Wait ->
            ember_eval:unreceive(lists:reverse(Seen)),
            case After of
                [] -> {true, Bs};
                _ -> body(After, Bs, H)
            end
    end.

%% ---- Clauses, guards, patterns --------------------------------------------------------

%% The body and bindings of the first clause whose patterns match Vs and whose guard holds.
match_clause([{clause, _, Ps, G, Body} | Cs], Vs, Bs, H) ->
    case match_list(Ps, Vs, Bs, H) of
        {match, Bs1} ->
            case guard(G, Bs1, H) of
                true -> {Body, Bs1};
                false -> match_clause(Cs, Vs, Bs, H)
            end;
        nomatch ->
            match_clause(Cs, Vs, Bs, H)
    end;
match_clause([], _Vs, _Bs, _H) ->
    nomatch.

guard([], _Bs, _H) -> true;
guard(Alternatives, Bs, H) ->
    lists:any(fun(Tests) -> lists:all(fun(T) -> test(T, Bs, H) end, Tests) end, Alternatives).

test(T, Bs, H) ->
    try eval(T, Bs, H) of
        {true, _} -> true;
        _ -> false
    catch _:_ -> false
    end.

match_list([P | Ps], [V | Vs], Bs, H) ->
    case match(P, V, Bs, H) of
        {match, Bs1} -> match_list(Ps, Vs, Bs1, H);
        nomatch -> nomatch
    end;
match_list([], [], Bs, _H) -> {match, Bs};
match_list(_, _, _Bs, _H) -> nomatch.

match({var, _, '_'}, _V, Bs, _H) -> {match, Bs};
match({var, _, Name}, V, Bs, _H) ->
    case Bs of
        #{Name := V} -> {match, Bs};
        #{Name := _} -> nomatch;
        #{} -> {match, Bs#{Name => V}}
    end;
match({match, _, P1, P2}, V, Bs, H) ->
    case match(P1, V, Bs, H) of
        {match, Bs1} -> match(P2, V, Bs1, H);
        nomatch -> nomatch
    end;
match({cons, _, PH, PT}, [VH | VT], Bs, H) ->
    case match(PH, VH, Bs, H) of
        {match, Bs1} -> match(PT, VT, Bs1, H);
        nomatch -> nomatch
    end;
match({tuple, _, Ps}, V, Bs, H) when is_tuple(V), tuple_size(V) =:= length(Ps) ->
    match_list(Ps, tuple_to_list(V), Bs, H);
match({map, _, Fields}, V, Bs, H) when is_map(V) ->
    match_map(Fields, V, Bs, H);
match({bin, _, Elems}, V, Bs, H) when is_bitstring(V) ->
    case match_bits(Elems, V, Bs, H) of
        {match, Bs1, <<>>} -> {match, Bs1};
        _ -> nomatch
    end;
match({op, _, '++', Prefix, P}, V, Bs, H) ->
    {Chars, _} = eval(Prefix, #{}, H),
    case prefix(Chars, V) of
        {ok, Rest} -> match(P, Rest, Bs, H);
        false -> nomatch
    end;
match({Lit, _, _} = P, V, Bs, H) when Lit =:= integer; Lit =:= float; Lit =:= atom; Lit =:= string;
                                     Lit =:= char ->
    constant(P, V, Bs, H);
match({nil, _}, [], Bs, _H) -> {match, Bs};
match({op, _, _, _} = P, V, Bs, H) -> constant(P, V, Bs, H);
match({op, _, _, _, _} = P, V, Bs, H) -> constant(P, V, Bs, H);
match({record, _, Name, _}, _V, _Bs, _H) -> erlang:raise(error, {undefined_record, Name}, []);
match(_, _, _Bs, _H) -> nomatch.

prefix([C | Cs], [C | Vs]) -> prefix(Cs, Vs);
prefix([], Vs) -> {ok, Vs};
prefix(_, _) -> false.

%% A pattern that is a constant (a literal, or arithmetic on literals).
constant(P, V, Bs, H) ->
    case eval(P, #{}, H) of
        {V, _} -> {match, Bs};
        _ -> nomatch
    end.

match_map([{map_field_exact, _, K0, P} | Fields], M, Bs, H) ->
    {K, _} = eval(K0, Bs, H),
    case M of
        #{K := V} ->
            case match(P, V, Bs, H) of
                {match, Bs1} -> match_map(Fields, M, Bs1, H);
                nomatch -> nomatch
            end;
        #{} ->
            nomatch
    end;
match_map([], _M, Bs, _H) -> {match, Bs}.

%% ---- Bit syntax -----------------------------------------------------------------------

build_bin([], Bs, _H, Acc) -> {Acc, Bs};
build_bin([{bin_element, _, {string, _, S}, default, default} | Es], Bs, H, Acc) ->
    build_bin(Es, Bs, H, <<Acc/bitstring, (<< <<C:8>> || C <- S >>)/binary>>);
build_bin([{bin_element, A, {string, _, S}, Size, Specs} | Es], Bs, H, Acc) ->
    Chars = [{bin_element, A, {integer, A, C}, Size, Specs} || C <- S],
    build_bin(Chars ++ Es, Bs, H, Acc);
build_bin([{bin_element, _, V0, Size0, Specs} | Es], Bs, H, Acc) ->
    {V, Bs1} = eval(V0, Bs, H),
    {Size, Bs2} = case Size0 of
                      default -> {default, Bs1};
                      _ -> eval(Size0, Bs1, H)
                  end,
    Part = try segment(V, Size, specs(Specs))
           catch error:_ -> erlang:raise(error, badarg, [])
           end,
    build_bin(Es, Bs2, H, <<Acc/bitstring, Part/bitstring>>).

%% {Type, Signedness, Endianness, Unit} with the defaults filled in.
specs(default) -> specs([]);
specs(Specs) ->
    Type = lists:foldl(fun(T, _) when T =:= integer; T =:= float; T =:= binary; T =:= bytes;
                                      T =:= bitstring; T =:= bits; T =:= utf8; T =:= utf16;
                                      T =:= utf32 -> T;
                          (_, T) -> T
                       end, integer, Specs),
    Sign = case lists:member(signed, Specs) of true -> signed; false -> unsigned end,
    Endian = lists:foldl(fun(E, _) when E =:= big; E =:= little; E =:= native -> E;
                            (_, E) -> E
                         end, big, Specs),
    Unit = case [U || {unit, U} <- Specs] of
               [U | _] -> U;
               [] when Type =:= binary; Type =:= bytes -> 8;
               [] -> 1
           end,
    {canonical(Type), Sign, Endian, Unit}.

canonical(bytes) -> binary;
canonical(bits) -> bitstring;
canonical(T) -> T.

segment(V, Size, {integer, _, Endian, Unit}) ->
    Bits = bits(Size, 8, Unit),
    case Endian of
        big -> <<V:Bits/big>>;
        little -> <<V:Bits/little>>;
        native -> <<V:Bits/native>>
    end;
segment(V, Size, {float, _, Endian, Unit}) ->
    Bits = bits(Size, 64, Unit),
    case Endian of
        big -> <<V:Bits/float-big>>;
        little -> <<V:Bits/float-little>>;
        native -> <<V:Bits/float-native>>
    end;
segment(V, default, {binary, _, _, _}) when is_binary(V) -> V;
segment(V, default, {bitstring, _, _, _}) when is_bitstring(V) -> V;
segment(V, Size, {Type, _, _, Unit}) when Type =:= binary; Type =:= bitstring ->
    Bits = Size * Unit,
    <<Part:Bits/bitstring, _/bitstring>> = V,
    Part;
segment(V, _, {utf8, _, _, _}) -> <<V/utf8>>;
segment(V, _, {utf16, _, little, _}) -> <<V/utf16-little>>;
segment(V, _, {utf16, _, _, _}) -> <<V/utf16>>;
segment(V, _, {utf32, _, little, _}) -> <<V/utf32-little>>;
segment(V, _, {utf32, _, _, _}) -> <<V/utf32>>.

bits(default, Default, _Unit) -> Default;
bits(Size, _Default, Unit) when is_integer(Size), Size >= 0 -> Size * Unit.

%% Matches segments from the front of Bin: {match, Bindings, Rest} or nomatch.
match_bits([], Bin, Bs, _H) -> {match, Bs, Bin};
match_bits([{bin_element, A, {string, _, S}, Size, Specs} | Es], Bin, Bs, H) ->
    Chars = [{bin_element, A, {integer, A, C}, Size, Specs} || C <- S],
    match_bits(Chars ++ Es, Bin, Bs, H);
match_bits([{bin_element, _, P, Size0, Specs} | Es], Bin, Bs, H) ->
    Size = case Size0 of
               default -> default;
               _ -> element(1, eval(Size0, Bs, H))
           end,
    try take_segment(Bin, Size, specs(Specs), Es =:= []) of
        {V, Rest} ->
            case match(P, V, Bs, H) of
                {match, Bs1} -> match_bits(Es, Rest, Bs1, H);
                nomatch -> nomatch
            end
    catch error:_ -> nomatch
    end.

take_segment(Bin, Size, {integer, Sign, Endian, Unit}, _Last) ->
    Bits = bits(Size, 8, Unit),
    case {Sign, Endian} of
        {unsigned, big} -> <<V:Bits/unsigned-big, Rest/bitstring>> = Bin;
        {unsigned, little} -> <<V:Bits/unsigned-little, Rest/bitstring>> = Bin;
        {unsigned, native} -> <<V:Bits/unsigned-native, Rest/bitstring>> = Bin;
        {signed, big} -> <<V:Bits/signed-big, Rest/bitstring>> = Bin;
        {signed, little} -> <<V:Bits/signed-little, Rest/bitstring>> = Bin;
        {signed, native} -> <<V:Bits/signed-native, Rest/bitstring>> = Bin
    end,
    {V, Rest};
take_segment(Bin, Size, {float, _, Endian, Unit}, _Last) ->
    Bits = bits(Size, 64, Unit),
    case Endian of
        big -> <<V:Bits/float-big, Rest/bitstring>> = Bin;
        little -> <<V:Bits/float-little, Rest/bitstring>> = Bin;
        native -> <<V:Bits/float-native, Rest/bitstring>> = Bin
    end,
    {V, Rest};
take_segment(Bin, default, {binary, _, _, _}, true) when is_binary(Bin) -> {Bin, <<>>};
take_segment(Bin, default, {bitstring, _, _, _}, true) -> {Bin, <<>>};
take_segment(Bin, Size, {Type, _, _, Unit}, _Last)
  when (Type =:= binary orelse Type =:= bitstring), is_integer(Size) ->
    Bits = Size * Unit,
    <<V:Bits/bitstring, Rest/bitstring>> = Bin,
    {V, Rest};
take_segment(Bin, _, {utf8, _, _, _}, _Last) ->
    <<V/utf8, Rest/bitstring>> = Bin,
    {V, Rest};
take_segment(Bin, _, {utf16, _, little, _}, _Last) ->
    <<V/utf16-little, Rest/bitstring>> = Bin,
    {V, Rest};
take_segment(Bin, _, {utf16, _, _, _}, _Last) ->
    <<V/utf16, Rest/bitstring>> = Bin,
    {V, Rest};
take_segment(Bin, _, {utf32, _, little, _}, _Last) ->
    <<V/utf32-little, Rest/bitstring>> = Bin,
    {V, Rest};
take_segment(Bin, _, {utf32, _, _, _}, _Last) ->
    <<V/utf32, Rest/bitstring>> = Bin,
    {V, Rest}.
