-module(wish_float_shortest).
-export([main/0]).

%% Deterministic pseudo-random doubles printed in shortest round-trip form.
main() ->
    Floats = gen(16#2545F4914F6CDD1D, 300, []),
    lists:foreach(fun(F) ->
                          S = float_to_list(F, [short]),
                          io:format("~w ~s ~p~n", [F, S, list_to_float(S) =:= F])
                  end, Floats),
    io:format("~p~n", [lists:sublist(Floats, 12)]),
    ok.

gen(_, 0, Acc) -> lists:reverse(Acc);
gen(S, N, Acc) ->
    S1 = (S * 6364136223846793005 + 1442695040888963407) band 16#FFFFFFFFFFFFFFFF,
    case <<S1:64>> of
        <<F/float>> -> gen(S1, N - 1, [F | Acc]);
        _ -> gen(S1, N, Acc)
    end.
