-module(macros_cond).
-export([main/0]).

-define(FEATURE_A, true).
-define(LEVEL, 3).

-ifdef(FEATURE_A).
feature_a() -> enabled.
-else.
feature_a() -> disabled.
-endif.

-ifdef(FEATURE_B).
feature_b() -> enabled.
-else.
feature_b() -> disabled.
-endif.

-ifndef(FEATURE_C).
-define(FEATURE_C, defined_by_ifndef).
-endif.

-undef(LEVEL).
-define(LEVEL, 7).

-define(TEMP, temporary).
-undef(TEMP).
-ifdef(TEMP).
temp() -> still_defined.
-else.
temp() -> was_undefined.
-endif.

-ifdef(FEATURE_A).
-ifdef(FEATURE_B).
nested() -> a_and_b.
-else.
nested() -> a_only.
-endif.
-else.
nested() -> no_a.
-endif.

-if(?LEVEL > 5).
level() -> high.
-elif(?LEVEL > 2).
level() -> medium.
-else.
level() -> low.
-endif.

-if(true).
always() -> yes.
-endif.

-ifdef(OTP_RELEASE).
otp() -> has_otp_release.
-else.
otp() -> old_otp.
-endif.

main() ->
    io:format("feature_a: ~p~n", [feature_a()]),
    io:format("feature_b: ~p~n", [feature_b()]),
    io:format("feature_c: ~p~n", [?FEATURE_C]),
    io:format("level: ~p~n", [?LEVEL]),
    io:format("temp: ~p~n", [temp()]),
    io:format("nested: ~p~n", [nested()]),
    io:format("if/elif: ~p~n", [level()]),
    io:format("always: ~p~n", [always()]),
    io:format("otp: ~p~n", [otp()]),
    ok.
