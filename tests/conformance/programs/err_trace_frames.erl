%% Which callers a stack trace lists: a return address repeated by a body recursion shows
%% once, and callers waiting for a function that can never return (it only raises) are
%% left out, except inside try and catch, as erlc compiles those calls. And which
%% operators show a frame of their own: those with a literal operand that is no number.
-module(err_trace_frames).
-export([main/0]).

main() ->
    report(fun() -> outer(5, foo) end),
    report(fun() -> outer(3, 0) end),
    report(fun() -> count(4) end),
    report(fun() -> ping(5) end),
    report(fun() -> in_case(2) end),
    report(fun() -> in_match(2) end),
    report(fun() -> in_try(2) end),
    report(fun() -> after_catch(2) end),
    report(fun() -> in_tuple(2) end),
    report(fun() -> guarded(2) end),
    report(fun() -> maybe(7, true) end),
    report(fun() -> via_exit(1) end),
    report(fun() -> remote_error(1) end),
    report(fun() -> orelse_right(1) end),
    report(fun() -> {bad_raise(7)} end),
    report(fun() -> {in_map(7)} end),
    report(fun() -> {in_binary(7)} end),
    report(fun() -> lit_add(3) end),
    report(fun() -> lit_sub(3) end),
    report(fun() -> lit_div(3) end),
    report(fun() -> lit_nil(3) end),
    report(fun() -> var_add(foo) end),
    io:format("maybe ~p~n", [maybe(3, false)]),
    ok.

report(F) ->
    try F() of
        V -> io:format("value ~p~n", [V])
    catch
        C:R:S -> io:format("~p ~p~n  ~p~n", [C, R, [{Fn, A, line(L)} || {M, Fn, A, L} <- S, M =:= ?MODULE]])
    end.

line(L) -> proplists:get_value(line, L).

%% May return: every level's frame is there, the repeated one once.
outer(N, X) -> middle(N, X) + 1.
middle(N, X) -> inner(N, X) * 2.
inner(0, X) -> 10 div X;
inner(N, X) -> inner(N - 1, X) + X.

%% Can never return.
count(0) -> erlang:error(zero);
count(N) -> count(N - 1) + 1.

ping(0) -> throw(done);
ping(N) -> pong(N - 1) * 2.
pong(0) -> exit(done);
pong(N) -> ping(N - 1) + 3.

fail(X) -> erlang:error({bad, X}).

in_case(X) ->
    Y = case X of
            1 -> one;
            _ -> fail(X)
        end,
    {Y}.

in_match(X) -> Z = fail(X), {Z}.

in_try(X) ->
    try fail(X) of
        V -> V
    catch
        throw:_ -> no
    end.

after_catch(X) ->
    W = (catch thrower(X)),
    {W, fail(X)}.

thrower(X) -> throw(X).

in_tuple(X) -> {ok, tuple_thrower(X)}.

tuple_thrower(X) -> throw({tuple, X}).

guarded(X) when X > 1 -> {two, fail(X)};
guarded(_) -> small.

%% Returns when asked to: the frames stay.
maybe(0, true) -> erlang:error(stop);
maybe(0, false) -> 0;
maybe(N, Stop) -> maybe(N - 1, Stop) + 1.

via_exit(X) -> [leave(X)].
leave(X) -> exit({left, X}).

remote_error(X) -> {erlang_error(X)}.
erlang_error(X) -> erlang:error(remote, [X]).

orelse_right(X) -> (X > 5) orelse fail(X).

lit_add(X) -> {X + fail}.
lit_sub(X) -> {fail - X}.
lit_div(X) -> {X / fail}.
lit_nil(X) -> {X - []}.
var_add(X) -> {X + 1}.

%% erlang:raise/3 returns badarg for a class that is none: it can return.
bad_raise(X) -> {erlang:raise(bad, X, [])}.

in_map(X) -> #{a => fail(X)}.
in_binary(X) -> <<(fail(X)):8>>.
