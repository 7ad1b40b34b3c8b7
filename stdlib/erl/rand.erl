%% rand: pseudo random numbers, as OTP 25's rand module gives them. With the same seed
%% the same algorithm gives the same sequence as OTP for uniform/0,1, uniform_s/1,2,
%% uniform_real/0, uniform_real_s/1, bytes/1, bytes_s/2, normal/0,2, normal_s/1,3 and jump/0,1.
%%
%% Algorithms: exsss (the default; Xorshift116** on 58-bit words), exsp and exsplus
%% (Xorshift116+), exrop (Xoroshiro116+), exro928ss (Xoroshiro928**), exs1024s and exs1024
%% (Xorshift1024*), exs64 (Xorshift64*). Seeds are spread with SplitMix64. The state is
%% {AlgHandler, AlgState}, the handler a map of the algorithm's functions; the process
%% dictionary keeps it under rand_seed. exsplus, exs1024 and exs64 are the old generators,
%% whose handlers have a max key instead of bits and compute floats and ranges the older way.
-module(rand).

-export([seed/1, seed/2, seed_s/1, seed_s/2, export_seed/0, export_seed_s/1,
         uniform/0, uniform/1, uniform_s/1, uniform_s/2,
         uniform_real/0, uniform_real_s/1, bytes/1, bytes_s/2,
         jump/0, jump/1, normal/0, normal/2, normal_s/1, normal_s/3,
         splitmix64_next/1, exsp_next/1, exsp_jump/1,
         exro928_seed/1, exro928_next/1, exro928_next_state/1,
         exro928_jump_2pow512/1, exro928_jump_2pow20/1,
         mwc59/1, mwc59_value32/1, mwc59_value/1, mwc59_float/1,
         mwc59_seed/0, mwc59_seed/1, seed58/2]).

-define(KEY, rand_seed).
-define(M58, 16#3FFFFFFFFFFFFFF).
-define(M64, 16#FFFFFFFFFFFFFFFF).
-define(BIT(N), (1 bsl (N))).
-define(MASK(N, X), ((X) band ((1 bsl (N)) - 1))).
%% (X bsl S) cut to N bits; the mask comes first so that no big integer is made.
-define(SHL(N, X, S), (((X) band ((1 bsl ((N) - (S))) - 1)) bsl (S))).
-define(TWO_POW_M53, 1.1102230246251565e-16).

%% ---------------------------------------------------------------------
%% Seeding and the process dictionary

seed(Alg) -> put_state(seed_s(Alg)).

seed(Alg, Seed) -> put_state(seed_s(Alg, Seed)).

seed_s({#{type := _}, _} = State) -> State;
seed_s({Alg, AlgState}) when is_atom(Alg) ->
    {Handler, _} = mk_alg(Alg),
    {Handler, AlgState};
seed_s(Alg) when is_atom(Alg) ->
    seed_s(Alg, default_seed()).

%% Unseeded use: the process, the time and a unique number.
default_seed() ->
    {erlang:phash2([{node(), self()}]), erlang:system_time(), erlang:unique_integer()}.

seed_s(Alg, Seed) ->
    {Handler, Seeder} = mk_alg(Alg),
    {Handler, Seeder(Seed)}.

export_seed() ->
    case get(?KEY) of
        {#{type := Alg}, AlgState} -> {Alg, AlgState};
        _ -> undefined
    end.

export_seed_s({#{type := Alg}, AlgState}) -> {Alg, AlgState}.

put_state(State) ->
    _ = put(?KEY, State),
    State.

get_state() ->
    case get(?KEY) of
        undefined -> seed_s(exsss);
        State -> State
    end.

%% ---------------------------------------------------------------------
%% Public generators

uniform() ->
    {X, State} = uniform_s(get_state()),
    _ = put_state(State),
    X.

uniform(N) ->
    {X, State} = uniform_s(N, get_state()),
    _ = put_state(State),
    X.

uniform_s({#{uniform := U}, _} = State) -> U(State).

uniform_s(N, {#{uniform_n := U}, _} = State) when is_integer(N), 1 =< N ->
    U(N, State);
uniform_s(N, {#{uniform := U}, _} = State0) when is_integer(N), 1 =< N ->
    {F, State} = U(State0),
    {trunc(F * N) + 1, State}.

uniform_real() ->
    {X, State} = uniform_real_s(get_state()),
    _ = put_state(State),
    X.

%% A float in [0.0, 1.0) with all 53 mantissa bits random also for small values: words
%% are read 56 bits at a time until 53 significant bits are found.
uniform_real_s({#{bits := Bits, next := Next} = H, R0}) ->
    {V, R1} = Next(R0),
    real_bits(V bsr (Bits - 56), 0, H, Next, Bits, R1);
uniform_real_s({#{max := _, next := Next} = H, R0}) ->
    {V, R1} = Next(R0),
    %% The older generators: the low 56 bits of the first word, and the later words whole.
    real_bits(?MASK(56, V), 0, H, Next, 56, R1).

%% M holds 56 fresh bits; Exp is how many bits were dropped (all zero) before them.
real_bits(M, Exp, H, _Next, _Bits, R) when M >= ?BIT(52) ->
    real_float(M, 56, Exp, H, R);
real_bits(M, Exp, H, _Next, _Bits, R) when Exp >= 1008 ->
    {M * math:pow(2.0, -(Exp + 56)), {H, R}};
real_bits(M, Exp, H, Next, Bits, R0) when M =:= 0 ->
    {V, R1} = Next(R0),
    real_bits(V bsr (Bits - 56), Exp + 56, H, Next, Bits, R1);
real_bits(M, Exp, H, Next, Bits, R0) ->
    {V, R1} = Next(R0),
    W = bit_width(M),
    Need = 53 - W,
    Mant = (M bsl Need) bor ((V bsr (Bits - 56)) bsr (56 - Need)),
    {Mant * math:pow(2.0, -(Exp + 56 + Need)), {H, R1}}.

real_float(M, Width, Exp, H, R) ->
    W = bit_width(M),
    Drop = W - 53,
    {(M bsr Drop) * math:pow(2.0, -(Exp + Width - Drop)), {H, R}}.

bit_width(0) -> 0;
bit_width(M) -> bit_width(M, 0).
bit_width(0, N) -> N;
bit_width(M, N) -> bit_width(M bsr 1, N + 1).

bytes(N) ->
    {Bin, State} = bytes_s(N, get_state()),
    _ = put_state(State),
    Bin.

bytes_s(N, {#{bits := Bits, next := Next} = H, R}) when is_integer(N), 0 =< N ->
    Weak = maps:get(weak_low_bits, H, 0),
    Per = (Bits - Weak) bsr 3,
    bytes_r(N, H, Next, R, Bits, Per, <<>>);
bytes_s(N, {#{max := _, next := Next} = H, R}) when is_integer(N), 0 =< N ->
    %% The old generators are taken as giving 58 bits, as OTP does.
    bytes_r(N, H, Next, R, 58, 7, <<>>).

%% Whole words give Per bytes each from their high bits; the last word gives
%% the bytes that remain from below its unused low bits.
bytes_r(N, H, Next, R0, Bits, Per, Acc) when N > Per ->
    {V, R1} = Next(R0),
    Take = Per * 8,
    bytes_r(N - Per, H, Next, R1, Bits, Per, <<Acc/binary, (V bsr (Bits - Take)):Take>>);
bytes_r(N, H, Next, R0, _Bits, Per, Acc) ->
    {V, R1} = Next(R0),
    Take = N * 8,
    {<<Acc/binary, (V bsr (Per * 8 - Take)):Take>>, {H, R1}}.

jump() -> put_state(jump(get_state())).

jump({#{jump := J}, _} = State) -> J(State);
jump({#{}, _} = State) -> erlang:error(not_implemented, [State]).

normal() ->
    {X, State} = normal_s(get_state()),
    _ = put_state(State),
    X.

normal(Mean, Variance) -> Mean + math:sqrt(Variance) * normal().

normal_s(Mean, Variance, State0) when Variance >= 0 ->
    {X, State} = normal_s(State0),
    {Mean + math:sqrt(Variance) * X, State}.

%% The Ziggurat method with 256 layers (Marsaglia and Tsang): one word gives the sign,
%% the layer and the position in it; most draws end in the layer's rectangle.
normal_s(State0) ->
    {Sign, R, State} = normal_bits(State0),
    Idx = R band 255,
    X = R * element(Idx + 1, zig_w()),
    case R < element(Idx + 1, zig_k()) of
        true -> {signed(Sign, X), State};
        false when Idx =:= 0 -> normal_tail(Sign, State);
        false -> normal_wedge(Idx, Sign, X, State)
    end.

normal_bits({#{bits := Bits, next := Next} = H, R0}) ->
    {V, R1} = Next(R0),
    {(V bsr (Bits - 52)) band 1, V bsr (Bits - 51), {H, R1}};
normal_bits({#{next := Next} = H, R0}) ->
    {V, R1} = Next(R0),
    {(V bsr 51) band 1, ?MASK(51, V), {H, R1}}.

signed(0, X) -> X;
signed(_, X) -> -X.

-define(ZIG_R, 3.654152885361009).
-define(ZIG_INV_R, 0.2736612373297583).

normal_tail(Sign, S0) ->
    {U0, S1} = uniform_s(S0),
    X = -?ZIG_INV_R * math:log(U0),
    {U1, S2} = uniform_s(S1),
    Y = -math:log(U1),
    if
        Y + Y > X * X -> {signed(Sign, ?ZIG_R + X), S2};
        true -> normal_tail(Sign, S2)
    end.

normal_wedge(Idx, Sign, X, S0) ->
    {U0, S1} = uniform_s(S0),
    Fi = element(Idx + 1, zig_f()),
    case (element(Idx, zig_f()) - Fi) * U0 + Fi < math:exp(-0.5 * X * X) of
        true -> {signed(Sign, X), S1};
        false -> normal_s(S1)
    end.

%% ---------------------------------------------------------------------
%% Algorithm handlers

mk_alg(default) -> mk_alg(exsss);
mk_alg(exsss) ->
    {#{type => exsss, bits => 58, next => fun exsss_next/1,
       uniform => fun bits_uniform/1, uniform_n => fun bits_uniform_n/2,
       jump => fun exsp_jump_state/1},
     fun exsss_seed/1};
mk_alg(exsp) ->
    {#{type => exsp, bits => 58, weak_low_bits => 1, next => fun exsp_next/1,
       uniform => fun bits_uniform/1, uniform_n => fun bits_uniform_n/2,
       jump => fun exsp_jump_state/1},
     fun exsp_seed/1};
mk_alg(exsplus) ->
    {#{type => exsplus, max => ?M58, next => fun exsp_next/1,
       uniform => fun max_uniform/1, uniform_n => fun max_uniform_n/2,
       jump => fun exsp_jump_state/1},
     fun exsp_seed/1};
mk_alg(exrop) ->
    {#{type => exrop, bits => 58, weak_low_bits => 1, next => fun exrop_next/1,
       uniform => fun bits_uniform/1, uniform_n => fun bits_uniform_n/2,
       jump => fun exrop_jump_state/1},
     fun exrop_seed/1};
mk_alg(exro928ss) ->
    {#{type => exro928ss, bits => 58, next => fun exro928ss_next/1,
       uniform => fun bits_uniform/1, uniform_n => fun bits_uniform_n/2,
       jump => fun exro928_jump_state/1},
     fun exro928_seed/1};
mk_alg(exs1024s) ->
    {#{type => exs1024s, bits => 64, weak_low_bits => 3, next => fun exs1024_next/1,
       uniform => fun bits_uniform/1, uniform_n => fun bits_uniform_n/2,
       jump => fun exs1024_jump_state/1},
     fun exs1024_seed/1};
mk_alg(exs1024) ->
    {#{type => exs1024, max => ?M64, next => fun exs1024_next/1,
       uniform => fun max_uniform/1, uniform_n => fun max_uniform_n/2,
       jump => fun exs1024_jump_state/1},
     fun exs1024_seed/1};
mk_alg(exs64) ->
    {#{type => exs64, max => ?M64, next => fun exs64_next/1,
       uniform => fun max_uniform/1, uniform_n => fun max_uniform_n/2},
     fun exs64_seed/1}.

bits_uniform({#{bits := Bits, next := Next} = H, R0}) ->
    {V, R1} = Next(R0),
    {(V bsr (Bits - 53)) * ?TWO_POW_M53, {H, R1}}.

bits_uniform_n(N, {#{bits := Bits, next := Next} = H, R0}) ->
    {V, R1} = Next(R0),
    Slack = ?BIT(Bits) - N,
    if
        Slack >= 0 ->
            if
                V < N -> {V + 1, {H, R1}};
                true ->
                    I = V rem N,
                    if
                        V - I =< Slack -> {I + 1, {H, R1}};
                        true -> bits_uniform_n(N, {H, R1})
                    end
            end;
        true ->
            wide_uniform(N, H, R1, V)
    end.

%% A range wider than one output word: several words are joined.
wide_uniform(N, #{bits := Bits, next := Next} = H, R, V) ->
    Weak = maps:get(weak_low_bits, H, 0),
    Shift = Bits - Weak,
    Keep = bnot ?MASK(Weak, -1),
    N1 = N - 1,
    if
        N band N1 =:= 0 ->
            {V1, R1, _} = widen(N bsr Bits, Next, R, V, Keep, Shift, ?BIT(Bits)),
            {(V1 band N1) + 1, {H, R1}};
        true ->
            {V1, R1, B} = widen(N bsr (Bits - 2), Next, R, V, Keep, Shift, ?BIT(Bits)),
            I = V1 rem N,
            if
                V1 - I =< B - N -> {I + 1, {H, R1}};
                true ->
                    {V2, R2} = Next(R1),
                    wide_uniform(N, H, R2, V2)
            end
    end.

widen(N, _Next, R, V, _Keep, _Shift, B) when N =< 1 -> {V, R, B};
widen(N, Next, R0, V, Keep, Shift, B) ->
    {V1, R1} = Next(R0),
    widen(N bsr Shift, Next, R1, ((V band Keep) bsl Shift) bor V1, Keep, Shift, B bsl Shift).

max_uniform({#{max := Max, next := Next} = H, R0}) ->
    {V, R1} = Next(R0),
    {V / (Max + 1), {H, R1}}.

max_uniform_n(N, {#{max := Max, next := Next} = H, R0}) when N =< Max ->
    {V, R1} = Next(R0),
    {(V rem N) + 1, {H, R1}};
max_uniform_n(N, State0) ->
    {F, State} = max_uniform(State0),
    {trunc(F * N) + 1, State}.

%% ---------------------------------------------------------------------
%% SplitMix64, used to spread seeds

splitmix64_next(X0) ->
    X = ?MASK(64, X0 + 16#9E3779B97F4A7C15),
    Z0 = ?MASK(64, (X bxor (X bsr 30)) * 16#BF58476D1CE4E5B9),
    Z1 = ?MASK(64, (Z0 bxor (Z0 bsr 27)) * 16#94D049BB133111EB),
    {Z1 bxor (Z1 bsr 31), X}.

%% A non-zero 58-bit word and the next SplitMix64 state.
seed58_one(X0) ->
    {Z, X} = splitmix64_next(X0),
    case ?MASK(58, Z) of
        0 -> seed58_one(X);
        W -> {W, X}
    end.

seed58(0, _X) -> [];
seed58(N, X0) ->
    {W, X} = seed58_one(X0),
    [W | seed58(N - 1, X)].

%% A list of integers is taken as the words themselves (masked), padded with zeros; at
%% least one must be non-zero.
seed_words(N, L, Bits) -> seed_words(N, L, Bits, false).

seed_words(_N, [], _Bits, false) -> erlang:error(zero_seed);
seed_words(0, [_ | _], _Bits, _NonZero) -> erlang:error(too_many_seed_integers);
seed_words(0, [], _Bits, true) -> [];
seed_words(N, [], Bits, true) -> [0 | seed_words(N - 1, [], Bits, true)];
seed_words(N, [S | Ss], Bits, NonZero) when is_integer(S) ->
    W = ?MASK(Bits, S),
    [W | seed_words(N - 1, Ss, Bits, NonZero orelse W =/= 0)];
seed_words(_N, [_ | _], _Bits, _NonZero) -> erlang:error(non_integer_seed).

%% Three integers become three words, each mixed into the next.
seed58_tuple(A1, A2, A3) ->
    {W1, X1} = seed58_one(?MASK(64, A1)),
    {W2, X2} = seed58_one(?MASK(64, A2) bxor X1),
    {W3, X3} = seed58_one(?MASK(64, A3) bxor X2),
    {W1, W2, W3, X3}.

%% ---------------------------------------------------------------------
%% Xorshift116 (exsp, exsplus) and Xorshift116** (exsss)

%% The hot paths spell their masks out: S1 bxor ((S1 bsl 24) mod 2^58) and so on.
exsp_step(S1, S0) ->
    S1a = S1 bxor ((S1 band 16#3FFFFFFFF) bsl 24),
    S1a bxor S0 bxor (S1a bsr 11) bxor (S0 bsr 41).

exsp_next([S1 | S0]) ->
    New = exsp_step(S1, S0),
    {?MASK(58, S0 + New), [S0 | New]}.

exsss_next([S1 | S0]) ->
    New = exsp_step(S1, S0),
    {starstar(S0), [S0 | New]}.

%% S * 5, rotated left by 7, times 9 (all mod 2^58).
starstar(S) ->
    A = (S + ((S band 16#FFFFFFFFFFFFFF) bsl 2)) band ?M58,
    B = ((A band 16#7FFFFFFFFFFFF) bsl 7) bor (A bsr 51),
    (B + ((B band 16#7FFFFFFFFFFFFF) bsl 3)) band ?M58.

exsss_seed(L) when is_list(L) ->
    [W1, W2] = seed_words(2, L, 58),
    [W1 | W2];
exsss_seed({A1, A2, A3}) ->
    {_, W2, W3, _} = seed58_tuple(A1, A2, A3),
    [W2 | W3];
exsss_seed(X) when is_integer(X) ->
    [W1, W2] = seed58(2, ?MASK(64, X)),
    [W1 | W2].

exsp_seed(L) when is_list(L) ->
    [W1, W2] = seed_words(2, L, 58),
    [W1 | W2];
exsp_seed({A1, A2, A3}) ->
    {_, R1} = exsp_next([?MASK(58, A1 * 4294967197 + 1) | ?MASK(58, A2 * 4294967231 + 1)]),
    {_, R2} = exsp_next([?MASK(58, A3 * 4294967279 + 1) | tl(R1)]),
    R2;
exsp_seed(X) when is_integer(X) ->
    [W1, W2] = seed58(2, ?MASK(64, X)),
    [W1 | W2].

%% The jumps below apply x^(2^K) modulo the characteristic polynomial of the
%% generator's linear step: the sum of T^i(S) over the polynomial's terms is T^(2^K)(S).
%% The polynomials were worked out with the Berlekamp-Massey algorithm.
-define(JUMP_XS116_2POW64, 16#D174A83E17DE2302F8EA6BC32C797).

exsp_jump([S1 | S0]) ->
    jump_pair(?JUMP_XS116_2POW64, fun exsp_state/1, S1, S0, 0, 0).

exsp_state([S1 | S0]) -> [S0 | exsp_step(S1, S0)].

exsp_jump_state({H, S}) -> {H, exsp_jump(S)}.

jump_pair(0, _Step, _S1, _S0, A1, A0) -> [A1 | A0];
jump_pair(J, Step, S1, S0, A1, A0) ->
    [N1 | N0] = Step([S1 | S0]),
    case J band 1 of
        1 -> jump_pair(J bsr 1, Step, N1, N0, A1 bxor S1, A0 bxor S0);
        0 -> jump_pair(J bsr 1, Step, N1, N0, A1, A0)
    end.

%% The same for the generators that keep 16 words as a ring: {Front, ReversedBack}.
jump_ring(J, Step, {L, RL}) ->
    Words = L ++ lists:reverse(RL),
    jump_ring(J, Step, Words, [0 || _ <- Words]).

jump_ring(0, _Step, _Words, Acc) -> Acc;
jump_ring(J, Step, Words, Acc0) ->
    Acc = case J band 1 of
              1 -> lists:zipwith(fun(A, W) -> A bxor W end, Acc0, Words);
              0 -> Acc0
          end,
    {L, RL} = Step({Words, []}),
    jump_ring(J bsr 1, Step, L ++ lists:reverse(RL), Acc).

%% ---------------------------------------------------------------------
%% Xoroshiro116+ (exrop)

rotl58(X, N) -> ?SHL(58, X, N) bor (X bsr (58 - N)).

exrop_next([S0 | S1]) ->
    S1a = S1 bxor S0,
    New0 = rotl58(S0, 24) bxor S1a bxor ?SHL(58, S1a, 2),
    New1 = rotl58(S1a, 35),
    {?MASK(58, S0 + S1), [New0 | New1]}.

exrop_seed(L) when is_list(L) ->
    [W1, W2] = seed_words(2, L, 58),
    [W1 | W2];
exrop_seed({A1, A2, A3}) ->
    {_, R1} = exrop_next([?MASK(58, A1 * 4294967197 + 1) | ?MASK(58, A2 * 4294967231 + 1)]),
    {_, R2} = exrop_next([?MASK(58, A3 * 4294967279 + 1) | tl(R1)]),
    R2;
exrop_seed(X) when is_integer(X) ->
    [W1, W2] = seed58(2, ?MASK(64, X)),
    [W1 | W2].

-define(JUMP_XR116_2POW64, 16#9863200F83FCD4A11293241FCB12A).

exrop_jump_state({H, [S0 | S1]}) ->
    {H, jump_pair(?JUMP_XR116_2POW64, fun exrop_state/1, S0, S1, 0, 0)}.

exrop_state(S) -> element(2, exrop_next(S)).

%% ---------------------------------------------------------------------
%% Xoroshiro928** (exro928ss)

exro928_seed(L) when is_list(L) ->
    {seed_words(16, L, 58), []};
exro928_seed({A1, A2, A3}) ->
    {W1, W2, W3, X} = seed58_tuple(A1, A2, A3),
    {[W1, W2, W3 | seed58(13, X)], []};
exro928_seed(X) when is_integer(X) ->
    {seed58(16, ?MASK(64, X)), []}.

exro928ss_next({[S15, S0 | Ss], Rs}) ->
    {starstar(S0), exro928_next_state(Ss, Rs, S15, S0)};
exro928ss_next({[S15], Rs}) ->
    exro928ss_next({[S15 | lists:reverse(Rs)], []}).

exro928_next({[S15, S0 | Ss], Rs}) ->
    {{S15, S0}, exro928_next_state(Ss, Rs, S15, S0)};
exro928_next({[S15], Rs}) ->
    exro928_next({[S15 | lists:reverse(Rs)], []}).

exro928_next_state({[S15, S0 | Ss], Rs}) ->
    exro928_next_state(Ss, Rs, S15, S0);
exro928_next_state({[S15], Rs}) ->
    exro928_next_state({[S15 | lists:reverse(Rs)], []}).

exro928_next_state(Ss, Rs, S15, S0) ->
    Q = S15 bxor S0,
    New15 = rotl58(S0, 44) bxor Q bxor ?SHL(58, Q, 9),
    New0 = rotl58(Q, 45),
    {[New0 | Ss], [New15 | Rs]}.

exro928_jump_state({H, S}) -> {H, exro928_jump_2pow512(S)}.

-define(JUMP_XR928_2POW512,
        16#B10773CBE19F5FC1A1504ACD83F240C6007E76CEBCB3B7C4CC049C536E62A33CC2323831B45A3A8A3CEF3CC0F02F778573CF0F0A0657E19F00D4B3584DDD98EE4BE41E015AC26D5D20F9B49FA81B0090567FD9F0B83FE51A1EB3BE1910A1DE1D7D6813D2BA05381FDFD1490244085302F77130CA).
-define(JUMP_XR928_2POW20,
        16#CB3D181CA30BEBC15FEFCC78FF45EF33C82F3D48A480C5878C3549BD5BDEB1A5A90F2E6B06DF2EB1FEAF0FB690627C014098F4B6DC4D3AF15F8A4DFDC081A7BF148531FB8EBC73C700B8B091AF699C306D8E75664A426866BFAD3C77DA90F4A806C17E9E644807A56270CF78BDB966A3DAF905E6).

exro928_jump_2pow512(S) ->
    {jump_ring(?JUMP_XR928_2POW512, fun exro928_next_state/1, S), []}.

exro928_jump_2pow20(S) ->
    {jump_ring(?JUMP_XR928_2POW20, fun exro928_next_state/1, S), []}.

%% ---------------------------------------------------------------------
%% Xorshift1024* (exs1024s, exs1024) and Xorshift64* (exs64)

exs1024_next({[S0, S1 | L], RL}) ->
    S1a = S1 bxor ?SHL(64, S1, 31),
    S1b = S1a bxor (S1a bsr 11),
    S0a = S0 bxor (S0 bsr 30),
    New = S0a bxor S1b,
    {?MASK(64, New * 1181783497276652981), {[New | L], [S0 | RL]}};
exs1024_next({[H], RL}) ->
    exs1024_next({[H | lists:reverse(RL)], []}).

exs1024_seed(L) when is_list(L) ->
    {seed_words(16, L, 64), []};
exs1024_seed({A1, A2, A3}) ->
    B1 = ?MASK(21, (?MASK(21, A1) + 1) * (?BIT(21) - 21)),
    B2 = ?MASK(21, (?MASK(21, A2) + 1) * (?BIT(21) - 19)),
    B3 = ?MASK(21, (?MASK(21, A3) + 1) * (?BIT(21) - 9)),
    {exs64_words(16, (B1 bsl 43) bor (B2 bsl 22) bor (B3 bsl 1) bor 1, []), []};
exs1024_seed(X) when is_integer(X) ->
    {seed64(16, ?MASK(64, X)), []}.

exs64_words(0, _R, L) -> L;
exs64_words(N, R0, L) ->
    {X, R} = exs64_next(R0),
    exs64_words(N - 1, R, [X | L]).

seed64(0, _X) -> [];
seed64(N, X0) ->
    {Z, X} = splitmix64_next(X0),
    case Z of
        0 -> seed64(N, X);
        _ -> [Z | seed64(N - 1, X)]
    end.

-define(JUMP_XS1024_2POW512,
        16#284600E3F30E38C3B99181F2D8F685CA047F7684E9FC949D0B5FC64563B3E2A87910C41D10A1E6A5691548C86C1BD5405EE975283D71C93BC4CB815590989B13AAC17D8EFA43CAB83659132BB12FEA70DC2D9891FE68C0222FFEEB0A48316F404489AFFCE4F31A1E5B34A39F070B5837A3C65B8776F9685584242F96ECA9C41D).

%% The jump keeps the ring's position (2^512 steps go round it a whole number of times).
exs1024_jump_state({H, {L, _} = S}) ->
    Words = jump_ring(?JUMP_XS1024_2POW512, fun exs1024_state/1, S),
    {Front, Back} = lists:split(length(L), Words),
    {H, {Front, lists:reverse(Back)}}.

exs1024_state(S) -> element(2, exs1024_next(S)).

exs64_next(R) ->
    R1 = R bxor (R bsr 12),
    R2 = R1 bxor ?SHL(64, R1, 25),
    R3 = R2 bxor (R2 bsr 27),
    {?MASK(64, R3 * 2685821657736338717), R3}.

exs64_seed(L) when is_list(L) ->
    [W] = seed_words(1, L, 64),
    W;
exs64_seed({A1, A2, A3}) ->
    {V1, _} = exs64_next(?MASK(32, A1) * 4294967197 + 1),
    {V2, _} = exs64_next(?MASK(32, A2) * 4294967231 + 1),
    {V3, _} = exs64_next(?MASK(32, A3) * 4294967279 + 1),
    ((V1 * V2 * V3) rem (?M64 - 1)) + 1;
exs64_seed(X) when is_integer(X) ->
    [W] = seed64(1, ?MASK(64, X)),
    W.

%% ---------------------------------------------------------------------
%% Multiply-with-carry, 59 bits

-define(MWC59_A, 16#7FA6502).

mwc59(CX0) ->
    CX = ?MASK(59, CX0),
    ?MWC59_A * ?MASK(32, CX) + (CX bsr 32).

%% The scramblers are xorshifts of the low bits of the state.
mwc59_value32(CX) ->
    C = ?MASK(32, CX),
    C bxor ?SHL(32, C, 8).

mwc59_value(CX) ->
    C = ?MASK(59, CX),
    C1 = C bxor ?SHL(59, C, 4),
    C1 bxor ?SHL(59, C1, 27).

mwc59_float(CX) ->
    C = ?MASK(53, CX),
    C1 = C bxor ?SHL(53, C, 4),
    (C1 bxor ?SHL(53, C1, 27)) * ?TWO_POW_M53.

mwc59_seed() ->
    {A1, A2, A3} = default_seed(),
    (hash58(A1) bxor hash58(A2) bxor hash58(A3)) + 1.

mwc59_seed(S) when is_integer(S), 0 =< S, S =< ?M58 ->
    hash58(S) + 1.

%% A bijective mix of 58-bit words (multipliers from MurmurHash3's finaliser).
hash58(X0) ->
    X = ?MASK(58, X0),
    X1 = ?MASK(58, (X bxor (X bsr 29)) * 16#351AFD7ED558CCD),
    X2 = ?MASK(58, (X1 bxor (X1 bsr 29)) * 16#0CEB9FE1A85EC53),
    X2 bxor (X2 bsr 29).

%% ---------------------------------------------------------------------
%% Ziggurat tables for 256 layers, with r = 3.654152885361009 and the layer area
%% v = r f(r) + sqrt(pi/2) erfc(r/sqrt 2), f(x) = exp(-x^2/2): zig_w holds x_i / 2^51
%% (x_0 = v / f(r) is the width of the base layer), zig_k the rectangle limits
%% floor(x_(i-1) / x_i * 2^51) (layer 0: floor(r / x_0 * 2^51)) and zig_f f(x_i). They
%% were worked out in high precision; six widths (layers 1, 3, 14, 23, 26 and 212) are one
%% unit in the last place above the nearest double, so that the products agree with OTP's.

zig_k() ->
    {2104047571236786, 0, 1693657211986787, 1919380038271141, 2015384402196343,
     2068365869448128, 2101878624052573, 2124958784102998, 2141808670795147,
     2154644611568301, 2164744887587275, 2172897953696594, 2179616279372365,
     2185247251868649, 2190034623107822, 2194154434521197, 2197736978774660,
     2200880740891961, 2203661538010620, 2206138681109102, 2208359231806599,
     2210361007258210, 2212174742388539, 2213825672704646, 2215334711002614,
     2216719334487595, 2217994262139172, 2219171977965032, 2220263139538712,
     2221276900117330, 2222221164932930, 2223102796829069, 2223927782546658,
     2224701368170060, 2225428170204312, 2226112267248242, 2226757276105256,
     2227366415328399, 2227942558554684, 2228488279492521, 2229005890047222,
     2229497472775193, 2229964908627060, 2230409900758597, 2230833995044585,
     2231238597816133, 2231624991250191, 2231994346765928, 2232347736722750,
     2232686144665934, 2233010474325959, 2233321557544881, 2233620161276071,
     2233906993781271, 2234182710130335, 2234447917093496, 2234703177503020,
     2234949014150181, 2235185913274316, 2235414327692884, 2235634679614920,
     2235847363174595, 2236052746716837, 2236251174862869, 2236442970379967,
     2236628435876762, 2236807855342765, 2236981495548562, 2237149607321147,
     2237312426707209, 2237470176035652, 2237623064889403, 2237771290995388,
     2237915041040597, 2238054491421305, 2238189808931712, 2238321151397660,
     2238448668260432, 2238572501115169, 2238692784207942, 2238809644895133,
     2238923204068402, 2239033576548190, 2239140871448443, 2239245192514958,
     2239346638439541, 2239445303151952, 2239541276091442, 2239634642459498,
     2239725483455293, 2239813876495186, 2239899895417494, 2239983610673676,
     2240065089506935, 2240144396119183, 2240221591827230, 2240296735208969,
     2240369882240293, 2240441086423386, 2240510398907004, 2240577868599305,
     2240643542273726, 2240707464668391, 2240769678579486, 2240830224948980,
     2240889142947082, 2240946470049769, 2241002242111691, 2241056493434746,
     2241109256832602, 2241160563691400, 2241210444026879, 2241258926538122,
     2241306038658137, 2241351806601435, 2241396255408788, 2241439408989313,
     2241481290160038, 2241521920683062, 2241561321300462, 2241599511767028,
     2241636510880960, 2241672336512612, 2241707005631362, 2241740534330713,
     2241772937851689, 2241804230604585, 2241834426189161, 2241863537413311,
     2241891576310281, 2241918554154466, 2241944481475843, 2241969368073071,
     2241993223025298, 2242016054702685, 2242037870775710, 2242058678223225,
     2242078483339331, 2242097291739040, 2242115108362774, 2242131937479672,
     2242147782689725, 2242162646924736, 2242176532448092, 2242189440853337,
     2242201373061537, 2242212329317416, 2242222309184237, 2242231311537397,
     2242239334556717, 2242246375717369, 2242252431779415, 2242257498775893,
     2242261571999416, 2242264645987196, 2242266714504453, 2242267770526109,
     2242267806216711, 2242266812908462, 2242264781077289, 2242261700316818,
     2242257559310145, 2242252345799276, 2242246046552082, 2242238647326615,
     2242230132832625, 2242220486690076, 2242209691384458, 2242197728218684,
     2242184577261310, 2242170217290819, 2242154625735679, 2242137778609839,
     2242119650443327, 2242100214207556, 2242079441234906, 2242057301132135,
     2242033761687079, 2242008788768107, 2241982346215682, 2241954395725356,
     2241924896721443, 2241893806220517, 2241861078683830, 2241826665857598,
     2241790516600041, 2241752576693881, 2241712788642916, 2241671091451078,
     2241627420382235, 2241581706698773, 2241533877376767, 2241483854795281,
     2241431556397035, 2241376894317345, 2241319774977817, 2241260098640860,
     2241197758920538, 2241132642244704, 2241064627262652, 2240993584191742,
     2240919374095536, 2240841848084890, 2240760846432232, 2240676197587784,
     2240587717084782, 2240495206318753, 2240398451183567, 2240297220544165,
     2240191264522612, 2240080312570155, 2239964071293331, 2239842221996530,
     2239714417896699, 2239580280957725, 2239439398282193, 2239291317986196,
     2239135544468203, 2238971532964979, 2238798683265269, 2238616332424351,
     2238423746288095, 2238220109591890, 2238004514345216, 2237775946143212,
     2237533267957822, 2237275200846753, 2237000300869952, 2236706931309099,
     2236393229029147, 2236057063479501, 2235695986373246, 2235307169458859,
     2234887326941578, 2234432617919447, 2233938522519765, 2233399683022677,
     2232809697779198, 2232160850599817, 2231443750584641, 2230646845562170,
     2229755753817986, 2228752329126533, 2227613325162504, 2226308442121174,
     2224797391720399, 2223025347823832, 2220915633329809, 2218357446087030,
     2215184158448668, 2211132412537369, 2205758503851065, 2198248265654987,
     2186916352102141, 2167562552481814, 2125549880839716}.

zig_w() ->
    {1.736725412160263e-15, 9.558660351455634e-17, 1.2708704834810623e-16,
     1.4909740962495474e-16, 1.6658733631586268e-16, 1.8136120810119029e-16,
     1.9429720153135588e-16, 2.0589500628482093e-16, 2.1646860576895422e-16,
     2.2622940392218116e-16, 2.353271891404589e-16, 2.438723455742877e-16,
     2.5194879829274225e-16, 2.5962199772528103e-16, 2.6694407473648285e-16,
     2.7395729685142446e-16, 2.8069646002484804e-16, 2.871905890411393e-16,
     2.9346417484728883e-16, 2.9953809336782113e-16, 3.054303000719244e-16,
     3.111563633892157e-16, 3.1672988018581815e-16, 3.2216280350549905e-16,
     3.274657040793975e-16, 3.326479811684171e-16, 3.377180341735323e-16,
     3.4268340353119356e-16, 3.475508873172976e-16, 3.523266384600203e-16,
     3.5701624633953494e-16, 3.616248057159834e-16, 3.661569752965354e-16,
     3.7061702777236077e-16, 3.75008892787478e-16, 3.7933619401549554e-16,
     3.836022812967728e-16, 3.8781025861250247e-16, 3.919630085325768e-16,
     3.9606321366256378e-16, 4.001133755254669e-16, 4.041158312414333e-16,
     4.080727683096045e-16, 4.119862377480744e-16, 4.1585816580828064e-16,
     4.1969036444740733e-16, 4.234845407152071e-16, 4.272423051889976e-16,
     4.309651795716294e-16, 4.346546035512876e-16, 4.383119410085457e-16,
     4.4193848564470665e-16, 4.455354660957914e-16, 4.491040505882875e-16,
     4.52645351185714e-16, 4.561604276690038e-16, 4.596502910884941e-16,
     4.631159070208165e-16, 4.665581985600875e-16, 4.699780490694195e-16,
     4.733763047158324e-16, 4.767537768090853e-16, 4.8011124396270155e-16,
     4.834494540935008e-16, 4.867691262742209e-16, 4.900709524522994e-16,
     4.933555990465414e-16, 4.966237084322178e-16, 4.998759003240909e-16,
     5.031127730659319e-16, 5.0633490483427195e-16, 5.095428547633892e-16,
     5.127371639978797e-16, 5.159183566785736e-16, 5.190869408670343e-16,
     5.222434094134042e-16, 5.253882407719454e-16, 5.285218997682382e-16,
     5.316448383216618e-16, 5.34757496126473e-16, 5.378603012945235e-16,
     5.409536709623993e-16, 5.440380118655467e-16, 5.471137208817361e-16,
     5.501811855460336e-16, 5.532407845392784e-16, 5.56292888151909e-16,
     5.593378587248462e-16, 5.623760510690043e-16, 5.65407812864896e-16,
     5.684334850436814e-16, 5.714534021509204e-16, 5.744678926941961e-16,
     5.774772794756965e-16, 5.804818799107686e-16, 5.834820063333892e-16,
     5.864779662894365e-16, 5.894700628185872e-16, 5.924585947256134e-16,
     5.95443856841806e-16, 5.984261402772028e-16, 6.014057326642664e-16,
     6.043829183936125e-16, 6.073579788423606e-16, 6.103311925956439e-16,
     6.133028356617911e-16, 6.162731816816596e-16, 6.192425021325847e-16,
     6.222110665273788e-16, 6.251791426088e-16, 6.281469965398895e-16,
     6.311148930905604e-16, 6.34083095820806e-16, 6.370518672608815e-16,
     6.400214690888025e-16, 6.429921623054896e-16, 6.459642074078832e-16,
     6.489378645603397e-16, 6.519133937646159e-16, 6.548910550287415e-16,
     6.578711085350741e-16, 6.608538148078259e-16, 6.638394348803506e-16,
     6.668282304624746e-16, 6.698204641081558e-16, 6.728163993837531e-16,
     6.758163010371901e-16, 6.78820435168298e-16, 6.818290694006254e-16,
     6.848424730550038e-16, 6.878609173251664e-16, 6.908846754557169e-16,
     6.939140229227569e-16, 6.969492376174829e-16, 6.999906000330764e-16,
     7.030383934552151e-16, 7.060929041565482e-16, 7.091544215954873e-16,
     7.122232386196779e-16, 7.152996516745303e-16, 7.183839610172063e-16,
     7.214764709364707e-16, 7.245774899788387e-16, 7.276873311814693e-16,
     7.308063123122743e-16, 7.339347561177405e-16, 7.370729905789831e-16,
     7.4022134917658e-16, 7.433801711647648e-16, 7.465498018555889e-16,
     7.497305929136979e-16, 7.529229026624058e-16, 7.561270964017922e-16,
     7.5934354673958895e-16, 7.625726339356756e-16, 7.658147462610487e-16,
     7.690702803721919e-16, 7.723396417018299e-16, 7.756232448671174e-16,
     7.789215140963852e-16, 7.822348836756411e-16, 7.855637984161084e-16,
     7.889087141441755e-16, 7.922700982152271e-16, 7.956484300529366e-16,
     7.99044201715713e-16, 8.024579184921259e-16, 8.058900995272657e-16,
     8.093412784821501e-16, 8.128120042284501e-16, 8.163028415809877e-16,
     8.198143720706533e-16, 8.23347194760605e-16, 8.26901927108847e-16,
     8.304792058805374e-16, 8.340796881136629e-16, 8.377040521420222e-16,
     8.413529986798028e-16, 8.450272519724097e-16, 8.487275610186155e-16,
     8.524547008695596e-16, 8.562094740106233e-16, 8.599927118327665e-16,
     8.638052762005259e-16, 8.676480611245582e-16, 8.715219945473698e-16,
     8.754280402517175e-16, 8.793671999021043e-16, 8.833405152308408e-16,
     8.873490703813135e-16, 8.913939944224086e-16, 8.954764640495068e-16,
     8.9959770648911e-16, 9.037590026260118e-16, 9.079616903740068e-16,
     9.122071683134846e-16, 9.164968996219135e-16, 9.208324163262308e-16,
     9.252153239095693e-16, 9.296473063086417e-16, 9.341301313425265e-16,
     9.38665656618666e-16, 9.432558359676707e-16, 9.479027264651738e-16,
     9.526084961066279e-16, 9.57375432209745e-16, 9.622059506294838e-16,
     9.671026058823054e-16, 9.720681022901626e-16, 9.771053062707209e-16,
     9.822172599190541e-16, 9.874071960480671e-16, 9.926785548807976e-16,
     9.980350026183645e-16, 1.003480452143618e-15, 1.0090190861637457e-15,
     1.0146553831467086e-15, 1.0203941464683124e-15, 1.0262405372613567e-15,
     1.0322001115486456e-15, 1.03827886235154e-15, 1.044483267600047e-15,
     1.0508203448355195e-15, 1.057297713900989e-15, 1.06392366906768e-15,
     1.0707072623632994e-15, 1.0776584002668106e-15, 1.0847879564403425e-15,
     1.0921079038149563e-15, 1.0996314701785628e-15, 1.1073733224935752e-15,
     1.1153497865853155e-15, 1.1235791107110833e-15, 1.1320817840164846e-15,
     1.140880924258278e-15, 1.1500027537839792e-15, 1.159477189144919e-15,
     1.169338578691096e-15, 1.17962663529558e-15, 1.190387629928289e-15,
     1.2016759392543819e-15, 1.2135560818666897e-15, 1.2261054417450561e-15,
     1.2394179789163251e-15, 1.2536093926602567e-15, 1.268824481425501e-15,
     1.2852479319096109e-15, 1.3031206634689985e-15, 1.3227655770195326e-15,
     1.3446300925011171e-15, 1.3693606835128518e-15, 1.397943667277524e-15,
     1.4319989869661328e-15, 1.4744848603597596e-15, 1.5317872741611144e-15,
     1.6227698675312968e-15}.

zig_f() ->
    {1.0, 0.9771017012676708, 0.9598790918001061, 0.9451989534422991, 0.9320600759592299,
     0.9199915050393465, 0.9087264400521303, 0.898095921898343, 0.8879846607558328,
     0.8783096558089168, 0.8690086880368565, 0.8600336211963311, 0.8513462584586775,
     0.8429156531122037, 0.834716292986883, 0.8267268339462209, 0.8189291916037019,
     0.8113078743126557, 0.8038494831709638, 0.7965423304229584, 0.789376143566024,
     0.782341832654802, 0.7754313049811866, 0.7686373157984857, 0.7619533468367948,
     0.7553735065070957, 0.7488924472191564, 0.7425052963401506, 0.7362075981268621,
     0.7299952645614757, 0.7238645334686297, 0.7178119326307215, 0.711834248878248,
     0.7059285013327538, 0.7000919181365112, 0.6943219161261163, 0.6886160830046714,
     0.6829721616449943, 0.6773880362187731, 0.6718617198970817, 0.6663913439087498,
     0.6609751477766628, 0.6556114705796969, 0.6502987431108164, 0.645035480820822,
     0.6398202774530561, 0.6346517992876233, 0.6295287799248362, 0.6244500155470262,
     0.619414360605834, 0.6144207238889134, 0.6094680649257731, 0.6045553906974673,
     0.5996817526191248, 0.5948462437679869, 0.5900479963328255, 0.5852861792633709,
     0.5805599961007903, 0.5758686829723532, 0.5712115067352527, 0.5665877632561639,
     0.5619967758145239, 0.5574378936187655, 0.5529104904258318, 0.5484139632552654,
     0.5439477311900258, 0.5395112342569516, 0.5351039323804572, 0.5307253044036615,
     0.526374847171684, 0.5220520746723214, 0.5177565172297559, 0.5134877207473265,
     0.5092452459957476, 0.5050286679434679, 0.5008375751261483, 0.4966715690524893,
     0.49253026364386815, 0.4884132847054576, 0.4843202694266829, 0.4802508659090464,
     0.4762047327195055, 0.47218153846772976, 0.4681809614056932, 0.46420268904817397,
     0.4602464178128425, 0.4563118526787161, 0.45239870686184824, 0.44850670150720273,
     0.4446355653957392, 0.44078503466580377, 0.43695485254798533, 0.4331447691126521,
     0.42935454102944126, 0.4255839313380218, 0.42183270922949573, 0.418100649837848,
     0.41438753404089096, 0.410693148270188, 0.40701728432947315, 0.4033597392211143,
     0.399720314980197, 0.39609881851583223, 0.3924950614593154, 0.38890886001878855,
     0.38534003484007706, 0.38178841087339344, 0.37825381724561896, 0.37473608713789086,
     0.3712350576682392, 0.36775056977903225, 0.3642824681290037, 0.36083060098964775,
     0.3573948201457802, 0.35397498080007656, 0.3505709414814059, 0.3471825639567935,
     0.34380971314685055, 0.34045225704452164, 0.3371100666370059, 0.33378301583071823,
     0.3304709813791634, 0.3271738428136013, 0.32389148237639104, 0.3206237849569053,
     0.3173706380299135, 0.31413193159633707, 0.31090755812628634, 0.3076974125042919,
     0.3045013919766498, 0.3013193961008029, 0.2981513266966853, 0.29499708779996164,
     0.291856585617095, 0.2887297284821827, 0.2856164268155016, 0.2825165930837074,
     0.2794301417616377, 0.2763569892956681, 0.2732970540685769, 0.2702502563658752,
     0.26721651834356114, 0.2641957639972608, 0.2611879191327209, 0.2581929113376189,
     0.2552106699546617, 0.2522411260559419, 0.24928421241852827, 0.24633986350126363,
     0.24340801542275012, 0.2404886059405004, 0.23758157443123795, 0.2346868618723299,
     0.23180441082433859, 0.22893416541468023, 0.2260760713223802, 0.22323007576391746,
     0.22039612748015194, 0.21757417672433113, 0.21476417525117358, 0.21196607630703015,
     0.209179834621125, 0.20640540639788071, 0.20364274931033485, 0.20089182249465656,
     0.1981525865457751, 0.19542500351413428, 0.19270903690358912, 0.19000465167046496,
     0.18731181422380025, 0.18463049242679927, 0.18196065559952257, 0.17930227452284767,
     0.176655321443735, 0.17401977008183875, 0.17139559563750595, 0.1687827748012115,
     0.16618128576448205, 0.1635911082323657, 0.16101222343751107, 0.1584446141559243,
     0.15588826472447923, 0.15334316106026283, 0.15080929068184568, 0.14828664273257453,
     0.14577520800599403, 0.1432749789735134, 0.1407859498144447, 0.1383081164485507,
     0.13584147657125373, 0.13338602969166913, 0.1309417771736443, 0.12850872227999952,
     0.12608687022018586, 0.12367622820159654, 0.12127680548479021, 0.11888861344290998,
     0.1165116656256108, 0.11414597782783835, 0.111791568163838, 0.10944845714681163,
     0.10711666777468364, 0.1047962256224869, 0.10248715894193508, 0.10018949876880981,
     0.09790327903886228, 0.09562853671300882, 0.09336531191269086, 0.09111364806637363,
     0.08887359206827579, 0.08664519445055796, 0.08442850957035337, 0.08222359581320286,
     0.08003051581466306, 0.07784933670209605, 0.07568013035892707, 0.07352297371398127,
     0.07137794905889037, 0.06924514439700677, 0.0671246538277885, 0.06501657797124284,
     0.06292102443775811, 0.060838108349539864, 0.05876795292093376, 0.0567106901062029,
     0.054666461324888914, 0.052635418276792176, 0.05061772386094776, 0.04861355321586852,
     0.04662309490193037, 0.04464655225129444, 0.04268414491647443, 0.04073611065594093,
     0.03880270740452611, 0.036884215688567284, 0.034980941461716084, 0.03309321945857852,
     0.031221417191920245, 0.029365939758133314, 0.027527235669603082, 0.025705804008548896,
     0.023902203305795882, 0.022117062707308864, 0.020351096230044517, 0.018605121275724643,
     0.016880083152543166, 0.015177088307935325, 0.01349745060173988, 0.011842757857907888,
     0.010214971439701471, 0.008616582769398732, 0.007050875471373227, 0.005522403299250997,
     0.0040379725933630305, 0.0026090727461021627, 0.0012602859304985975}.
