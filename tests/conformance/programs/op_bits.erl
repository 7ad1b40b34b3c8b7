-module(op_bits).
-export([main/0]).

p(L, V) -> io:format("~-12s ~p~n", [L, V]).

main() ->
    p("band", 2#1100 band 2#1010),
    p("bor", 2#1100 bor 2#1010),
    p("bxor", 2#1100 bxor 2#1010),
    p("bnot 0", bnot 0),
    p("bnot 5", bnot 5),
    p("bnot -1", bnot -1),
    p("bsl", 1 bsl 10),
    p("bsr", 1024 bsr 3),
    p("bsl neg", 1024 bsl -2),
    p("bsr neg", 1 bsr -4),
    p("neg bsr", -16 bsr 2),
    p("neg bsr big", -1 bsr 100),
    p("neg band", -1 band 255),
    p("neg bor", -256 bor 15),
    p("neg bxor", -1 bxor 5),
    p("bsl 64", 1 bsl 64),
    p("bsl 59", 1 bsl 59),
    p("bsr back", (1 bsl 64) bsr 63),
    p("mask", 16#DEADBEEF band 16#FFFF),
    p("shift mask", (16#DEADBEEF bsr 16) band 16#FF),
    p("band big", (1 bsl 80 + 5) band 7),
    p("bor big", (1 bsl 80) bor 1),
    p("bxor big", (1 bsl 80) bxor (1 bsl 80)),
    p("bnot big", bnot (1 bsl 80)),
    p("neg big band", (-(1 bsl 80)) band 16#FFFF),
    p("popcount", popcount(16#FF00FF, 0)),
    p("bits list", [X band 1 || X <- lists:seq(0, 7)]),
    p("hex", integer_to_list(16#abc bsl 4, 16)),
    p("err float", catch_err(fun() -> id(1.0) band 1 end)),
    p("err atom", catch_err(fun() -> id(a) bsl 1 end)),
    ok.

id(X) -> X.
popcount(0, Acc) -> Acc;
popcount(N, Acc) -> popcount(N bsr 1, Acc + (N band 1)).
catch_err(F) -> try F() catch error:R -> R end.
