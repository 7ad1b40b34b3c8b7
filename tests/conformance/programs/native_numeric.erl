%% Numeric code of the kind ember compiles to native code: its fast paths (small
%% integers, floats) and every way out of them (overflow into big integers, other
%% types, errors with their stack traces, deep recursion, preemption).
-module(native_numeric).
-export([main/0]).

-record(pt, {x = 0, y = 0}).

main() ->
    io:format("fib ~p~n", [fib(20)]),
    io:format("loop ~p~n", [loop(100000, 0)]),
    %% Overflow: the loop goes on with big integers.
    io:format("fact ~p~n", [fact(30)]),
    io:format("pow ~p~n", [pow(3, 80, 1)]),
    io:format("sum_big ~p~n", [sum_to(16#7FFFFFFFFFFFFFF0, 16#7FFFFFFFFFFFFFFF, 0)]),
    io:format("div ~p ~p ~p ~p~n", [quot(-9223372036854775808, -1), quot(7, -2), rem_of(-7, 2), quot(-7, 2)]),
    io:format("bits ~p ~p ~p~n", [bits(16#F0F0, 16#FF00), bits(-1, 5), bits(0, 0)]),
    %% Floats, and integers mixed with floats.
    io:format("integrate ~p~n", [integrate(0.0, 0.0, 1.0e-3, 2000)]),
    io:format("mixed ~p ~p ~p~n", [mix(3, 0.5), mix(2.0, 4), mix(7, 2)]),
    io:format("fdiv ~p ~p~n", [fdiv(1, 4), fdiv(-3.0, 2)]),
    io:format("neg zero ~p ~p~n", [fsub(0.0, 0.0), fmul(-1.0, 0.0)]),
    %% Comparisons: integers, floats, atoms, and terms of other kinds.
    io:format("cmp ~p~n", [[cmp(A, B) || A <- [1, 2.0, foo, [], {x}, 1.0], B <- [1, 2, 1.0, foo, bar, [a]]]]),
    io:format("classify ~p~n", [[classify(X) || X <- [0, -5, 7, 1.5, -2.5, foo, true, [], [1], {}, <<>>, self(), 1 bsl 70]]]),
    io:format("clamp ~p~n", [[clamp(X, 0, 10) || X <- [-3, 0, 5, 10, 11, 2.5, 1 bsl 65]]]),
    %% Errors raised on the way out of native code, with the stack of native callers.
    report(fun() -> outer(5, foo) end),
    report(fun() -> outer(5, 0) end),
    report(fun() -> float_overflow(1.0e300, 10) end),
    report(fun() -> fdiv(1, 0) end),
    report(fun() -> fdiv(1.0, 0.0) end),
    report(fun() -> fib(foo) end),
    report(fun() -> count_down(3, true) end),
    io:format("count_down ~p~n", [count_down(3, false)]),
    %% Tuples and records taken apart.
    io:format("dist2 ~p ~p~n", [dist2(#pt{x = 1, y = 2}, #pt{x = 4, y = 6}), dist2(#pt{x = 1.5}, #pt{y = 2})]),
    report(fun() -> dist2(#pt{x = a}, #pt{}) end),
    io:format("norms ~p~n", [[norm(V) || V <- [{3, 4}, {1.0, 1}, {2, 2, 1}, {x, 3, 4}, {tag, 5}, {}, origin]]]),
    io:format("firsts ~p~n", [[first(V) || V <- [{3, 4}, {1.0}, {big, 1 bsl 70}, {[a], b}]]]),
    report(fun() -> first({}) end),
    report(fun() -> first(nope) end),
    %% Deep body recursion: far deeper than native calls nest.
    io:format("depth ~p~n", [depth(200000)]),
    io:format("depth float ~p~n", [fdepth(50000)]),
    %% Mutual recursion in tail position.
    io:format("even ~p ~p~n", [is_even(100001), is_even(250000)]),
    %% A long native loop is preempted: another process gets to run meanwhile.
    Self = self(),
    Spinner = spawn(fun() -> spin(0) end),
    spawn(fun() -> Self ! {tick, 1} end),
    receive {tick, T} -> io:format("tick ~p while spinning~n", [T]) end,
    exit(Spinner, kill),
    io:format("done~n").

report(F) ->
    try F() of
        V -> io:format("value ~p~n", [V])
    catch
        C:R:S -> io:format("~p ~p~n  ~p~n", [C, R, [{Fn, A, line(L)} || {M, Fn, A, L} <- S, M =:= ?MODULE]])
    end.

line(Location) -> proplists:get_value(line, Location).

fib(0) -> 0;
fib(1) -> 1;
fib(N) -> fib(N - 1) + fib(N - 2).

loop(0, Acc) -> Acc;
loop(N, Acc) -> loop(N - 1, (Acc + N * 7) band 16#FFFFF).

fact(0) -> 1;
fact(N) -> N * fact(N - 1).

pow(_, 0, Acc) -> Acc;
pow(B, E, Acc) -> pow(B, E - 1, Acc * B).

sum_to(I, Max, Acc) when I > Max -> Acc;
sum_to(I, Max, Acc) -> sum_to(I + 1, Max, Acc + I).

quot(A, B) -> A div B.
rem_of(A, B) -> A rem B.

bits(A, B) -> {A band B, A bor B, A bxor B}.

integrate(_, Acc, _, 0) -> round(Acc * 1000000);
integrate(X, Acc, H, N) ->
    Y = X * X * 0.5 + X / (1.0 + X),
    integrate(X + H, Acc + Y * H, H, N - 1).

mix(A, B) -> {A + B, A - B, A * B, A / B}.
fdiv(A, B) -> A / B.
fsub(A, B) -> A - B.
fmul(A, B) -> A * B.

cmp(A, B) ->
    [c(A < B), c(A =< B), c(A > B), c(A >= B), c(A == B), c(A /= B), c(A =:= B), c(A =/= B)].

c(true) -> 1;
c(false) -> 0.

classify(X) when is_integer(X), X > 0 -> pos_int;
classify(X) when is_integer(X), X < 0 -> neg_int;
classify(X) when is_integer(X) -> zero;
classify(X) when is_float(X), X >= 0.0 -> pos_float;
classify(X) when is_float(X) -> neg_float;
classify(X) when is_boolean(X) -> bool;
classify(X) when is_atom(X) -> atom;
classify(X) when X =:= [] -> nil;
classify(X) when is_list(X) -> list;
classify(X) when is_tuple(X) -> tuple;
classify(X) when is_binary(X) -> binary;
classify(X) when is_pid(X) -> pid;
classify(_) -> other.

clamp(X, Lo, _) when X < Lo -> Lo;
clamp(X, _, Hi) when X > Hi -> Hi;
clamp(X, _, _) -> X.

outer(N, X) -> middle(N, X) + 1.
middle(N, X) -> inner(N, X) * 2.
inner(0, X) -> 10 div X;
inner(N, X) -> inner(N - 1, X) + X.

float_overflow(X, 0) -> X;
float_overflow(X, N) -> float_overflow(X * 1.0e10, N - 1).

%% (A function that can never return, as count_down(N, true) alone would be, loses its
%% callers' frames in erl: its compiler turns calls to it into jumps.)
count_down(0, true) -> erlang:error(reached_zero);
count_down(0, false) -> 0;
count_down(N, Stop) -> count_down(N - 1, Stop) + 1.

depth(0) -> 0;
depth(N) -> 1 + depth(N - 1).

fdepth(0) -> 0.0;
fdepth(N) -> 0.5 + fdepth(N - 1).

is_even(0) -> true;
is_even(N) -> is_odd(N - 1).
is_odd(0) -> false;
is_odd(N) -> is_even(N - 1).

spin(N) -> spin((N + 1) band 16#FFFF).

dist2(#pt{x = X1, y = Y1}, #pt{x = X2, y = Y2}) -> (X1 - X2) * (X1 - X2) + (Y1 - Y2) * (Y1 - Y2).

norm({tag, N}) -> N * 100;
norm({X, Y}) -> X * X + Y * Y;
norm({x, X, Y}) -> X + Y;
norm({X, Y, Z}) -> X * X + Y * Y + Z * Z;
norm(_) -> 0.

first(T) -> {element(1, T), tuple_size(T) + 0}.
