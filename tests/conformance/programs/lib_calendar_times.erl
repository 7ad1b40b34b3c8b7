-module(lib_calendar_times).
-export([main/0]).

%% Seconds, times of day, date-times and the conversions from system time.
main() ->
    Secs = [0, 1, 59, 60, 3599, 3600, 86399, 86400, 86401, 100000, 1000000000, -1, -59, -86399, -86400, -86401, -1000000],
    p([calendar:seconds_to_daystime(S) || S <- Secs]),
    p([calendar:seconds_to_time(S) || S <- [0, 1, 61, 3599, 3600, 43200, 86399]]),
    p([calendar:time_to_seconds(T) || T <- [{0, 0, 0}, {1, 1, 1}, {23, 59, 59}, {24, 0, 0}, {-1, 0, 0}, {0, 61, 61}, {100, 0, 0}]]),
    DTs = [{{0, 1, 1}, {0, 0, 0}}, {{1970, 1, 1}, {0, 0, 0}}, {{2000, 2, 29}, {12, 30, 45}},
           {{2024, 12, 31}, {23, 59, 59}}, {{2020, 1, 1}, {24, 0, 0}}, {{9999, 12, 31}, {23, 59, 59}}],
    GS = [calendar:datetime_to_gregorian_seconds(DT) || DT <- DTs],
    p(GS),
    p([calendar:gregorian_seconds_to_datetime(S) || S <- GS]),
    p([calendar:gregorian_seconds_to_datetime(S) || S <- [0, 59, 86399, 86400, 31622400, 62167219200, 63745056000]]),
    p(calendar:time_difference({{2020, 1, 1}, {0, 0, 0}}, {{2020, 1, 2}, {1, 2, 3}})),
    p(calendar:time_difference({{2020, 1, 2}, {1, 2, 3}}, {{2020, 1, 1}, {0, 0, 0}})),
    p(calendar:time_difference({{2000, 1, 1}, {0, 0, 0}}, {{2024, 2, 29}, {12, 0, 0}})),
    p(calendar:time_difference({{2020, 1, 1}, {25, 0, 0}}, {{2020, 1, 1}, {0, 0, 0}})),
    Nows = [{0, 0, 0}, {1600, 123456, 789}, {1, 2, 3}, {-1, 0, 0}, {0, -1, 0}, {0, 0, -1}, {2000, 0, 999999}],
    p([calendar:now_to_datetime(N) || N <- Nows]),
    p([calendar:now_to_universal_time(N) || N <- Nows]),
    p([calendar:system_time_to_universal_time(T, U) || {T, U} <- [
        {0, second}, {1600000000, second}, {1600000000123, millisecond}, {1600000000123456, microsecond},
        {1600000000123456789, nanosecond}, {1600000000123456789, native}, {-1, second}, {-1, millisecond},
        {-1, nanosecond}, {-62167219200, second}, {1, 1000}, {1500, 1000}, {1 bsl 40, second},
        {1 bsl 70, nanosecond}]]),
    ok.

p(X) -> io:format("~p~n", [X]).
