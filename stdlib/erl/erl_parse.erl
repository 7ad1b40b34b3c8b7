%% erl_parse: the parts of OTP's parser that are not built-ins (parse_exprs/1, parse_term/1
%% and format_error/1 are, in vm/src/bif): terms as abstract forms and back.
-module(erl_parse).

-export([abstract/1, abstract/2, normalise/1]).

%% A term as an abstract form, annotated with line 0 (or Line): a list of character codes
%% is a string, a binary a list of byte segments.
abstract(Term) -> abstract(Term, 0).

%% (Options: [{line, Line}] or [{location, Location}]; the encoding is not used.)
abstract(T, Options) when is_list(Options) ->
    abstract(T, proplists:get_value(location, Options, proplists:get_value(line, Options, 0)));

abstract(T, A) when is_integer(T) -> {integer, A, T};
abstract(T, A) when is_float(T) -> {float, A, T};
abstract(T, A) when is_atom(T) -> {atom, A, T};
abstract([], A) -> {nil, A};
abstract(T, A) when is_list(T) ->
    case is_chars(T) of
        true -> {string, A, T};
        false -> abstract_list(T, A)
    end;
abstract(T, A) when is_tuple(T) -> {tuple, A, [abstract(E, A) || E <- tuple_to_list(T)]};
abstract(T, A) when is_map(T) ->
    {map, A, [{map_field_assoc, A, abstract(K, A), abstract(V, A)} || {K, V} <- maps:to_list(T)]};
abstract(T, A) when is_bitstring(T) -> {bin, A, bin_elements(T, A)};
abstract(T, _A) -> erlang:error(badarg, [T]).

abstract_list([H | T], A) -> {cons, A, abstract(H, A), abstract_list(T, A)};
abstract_list([], A) -> {nil, A};
abstract_list(T, A) -> abstract(T, A).

is_chars([C | Cs]) when is_integer(C), C >= 0, C =< 16#10FFFF -> is_chars(Cs);
is_chars([]) -> true;
is_chars(_) -> false.

bin_elements(<<B:8, Rest/bitstring>>, A) ->
    [{bin_element, A, {integer, A, B}, default, default} | bin_elements(Rest, A)];
bin_elements(<<>>, _A) -> [];
bin_elements(Bits, A) ->
    Size = bit_size(Bits),
    <<V:Size>> = Bits,
    [{bin_element, A, {integer, A, V}, {integer, A, Size}, default}].

%% The term an abstract form of a constant stands for.
normalise(Form) ->
    case literal(Form) of
        true ->
            {value, V, _} = erl_eval:expr(Form, []),
            V;
        false ->
            erlang:error({badarg, Form})
    end.

literal({Tag, _, _}) when Tag =:= integer; Tag =:= float; Tag =:= atom; Tag =:= char;
                          Tag =:= string -> true;
literal({nil, _}) -> true;
literal({cons, _, H, T}) -> literal(H) andalso literal(T);
literal({tuple, _, Es}) -> lists:all(fun literal/1, Es);
literal({map, _, Fields}) ->
    lists:all(fun({map_field_assoc, _, K, V}) -> literal(K) andalso literal(V);
                 (_) -> false
              end, Fields);
literal({bin, _, Elems}) ->
    lists:all(fun({bin_element, _, V, S, _}) -> literal(V) andalso (S =:= default orelse literal(S)) end,
              Elems);
literal({op, _, Op, {Tag, _, _}}) when (Op =:= '-' orelse Op =:= '+'),
                                       (Tag =:= integer orelse Tag =:= float orelse Tag =:= char) -> true;
literal({'fun', _, {function, {atom, _, _}, {atom, _, _}, {integer, _, _}}}) -> true;
literal(_) -> false.
