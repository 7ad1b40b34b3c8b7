-module(lib_calendar_rfc3339).
-export([main/0]).

%% RFC 3339 strings to system time and back, with explicit offsets (the default offset is
%% the local one, so only its shape is printed).
main() ->
    T0 = 1600000000,
    p([calendar:system_time_to_rfc3339(T, [{offset, "Z"}]) || T <- [0, T0, -1, -62167219200, 253402300799, 86399]]),
    p([calendar:system_time_to_rfc3339(T0, [{offset, O}]) ||
          O <- ["Z", "z", "+02:00", "-05:30", "+00:00", "-00:00", "+02", "+25:00", 0, 1, 59, 61, 3600, -3600, -1, -60, 86400]]),
    p([calendar:system_time_to_rfc3339(T, [{unit, U}, {offset, "Z"}]) || {T, U} <- [
        {T0 * 1000 + 7, millisecond}, {T0 * 1000000 + 7, microsecond}, {T0 * 1000000000 + 7, nanosecond},
        {T0 * 1000000000 + 123456789, native}, {-1, millisecond}, {-1001, millisecond}, {-1, nanosecond},
        {-1999999, microsecond}, {-62167219200001, millisecond}, {253402300799999, millisecond}]]),
    p([calendar:system_time_to_rfc3339(T, [{unit, millisecond}, {offset, O}]) ||
          {T, O} <- [{T0 * 1000 + 7, 7200000}, {T0 * 1000 + 7, "+01:00"}, {7, "-05:30"}, {7, -1}, {-7, 3600}, {-5, -1}, {T0 * 1000, 1}]]),
    p([calendar:system_time_to_rfc3339(T0, [{offset, "Z"}, {time_designator, C}]) || C <- [$T, $t, $\s, $_]]),
    p(calendar:system_time_to_rfc3339(T0, [{offset, "Z"}, {offset, "+01:00"}])),
    p(calendar:system_time_to_rfc3339(T0, [{unit, millisecond}, {unit, second}, {offset, "Z"}])),
    p(calendar:system_time_to_rfc3339(T0, [{offset, "Z"}, foo])),
    Local = calendar:system_time_to_rfc3339(T0),
    p({length(Local), lists:sublist(Local, 19) =/= [], lists:nth(11, Local),
       calendar:rfc3339_to_system_time(Local)}),
    Strings = ["2020-09-13T12:26:40Z", "2020-09-13T12:26:40z", "2020-09-13t12:26:40Z", "2020-09-13 12:26:40Z",
               "2020-09-13T12:26:40+02:00", "2020-09-13T12:26:40-02:30", "2020-09-13T12:26:40.123Z",
               "2020-09-13T12:26:40.999999999Z", "2020-09-13T12:26:40.5+01:00", "2020-09-13T24:00:00Z",
               "2020-09-13T23:59:60Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2020-09-13T12:26:40.Z",
               "2020-09-13T12:26:40+25:00", "2020-09-13T12:26:40-00:00", "1969-12-31T23:59:59Z",
               "1969-12-31T23:59:59.5Z", "1969-12-31T23:59:59.1239Z", "2020-09-13T12:26:40+02",
               "1970-01-01T00:30:00.5+01:00", "2020-09-13T12:26:40.0000000025Z", "+020-09-13T12:26:40Z"],
    [p({S, [e(fun() -> calendar:rfc3339_to_system_time(S, [{unit, U}]) end)
            || U <- [second, millisecond, microsecond, nanosecond, native]]}) || S <- Strings],
    p(calendar:rfc3339_to_system_time("2020-09-13T12:26:40Z", [{unit, 1000}])),
    p(calendar:rfc3339_to_system_time("2020-09-13T12:26:40Z", [foo])),
    %% Round trips.
    Times = [0, 1, -1, 951782400, 1600000000, 1709210096, 4102444799, -2208988800],
    p([calendar:rfc3339_to_system_time(calendar:system_time_to_rfc3339(T, [{offset, O}])) =:= T
       || T <- Times, O <- ["Z", "+05:45", "-11:00", 3600]]),
    p([calendar:rfc3339_to_system_time(calendar:system_time_to_rfc3339(T, [{unit, millisecond}, {offset, "Z"}]),
                                       [{unit, millisecond}]) =:= T
       || T <- [1600000000123, 1, 999, 1000, 86400001]]),
    ok.

e(F) ->
    try F() catch C:R -> {C, R} end.

p(X) -> io:format("~p~n", [X]).
