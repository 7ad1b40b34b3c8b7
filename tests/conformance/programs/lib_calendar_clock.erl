-module(lib_calendar_clock).
-export([main/0]).

%% The clock and the time zone: the values change from run to run and from zone to zone,
%% so only their shapes and round trips are printed.
main() ->
    U = calendar:universal_time(),
    L = calendar:local_time(),
    p({datetime(U), datetime(L)}),
    p(abs(calendar:datetime_to_gregorian_seconds(L) - calendar:datetime_to_gregorian_seconds(U)) =< 14 * 3600),
    {Year, Week} = calendar:iso_week_number(),
    p({Year >= 2024, Week >= 1, Week =< 53}),
    Now = erlang:timestamp(),
    p(datetime(calendar:now_to_local_time(Now))),
    p(datetime(calendar:now_to_universal_time(Now))),
    p(calendar:now_to_datetime(Now) =:= calendar:now_to_universal_time(Now)),
    Sys = erlang:system_time(second),
    p(calendar:system_time_to_universal_time(Sys, second) =:= calendar:now_to_universal_time(secs_to_now(Sys))),
    p(calendar:system_time_to_local_time(Sys, second) =:= calendar:universal_time_to_local_time(calendar:system_time_to_universal_time(Sys, second))),
    Noon = {{2020, 6, 15}, {12, 0, 0}},
    Ut = calendar:local_time_to_universal_time(Noon),
    p({datetime(Ut), calendar:universal_time_to_local_time(Ut) =:= Noon}),
    p(calendar:local_time_to_universal_time(Noon, false) =:= Ut),
    p(calendar:local_time_to_universal_time_dst(Noon) =:= [Ut]),
    p(datetime(calendar:local_time_to_universal_time({{2020, 1, 15}, {12, 0, 0}}, true))),
    p(datetime(calendar:local_time_to_universal_time({{2020, 1, 15}, {12, 0, 0}}, undefined))),
    Rfc = calendar:system_time_to_rfc3339(Sys),
    p({length(Rfc), calendar:rfc3339_to_system_time(Rfc) =:= Sys}),
    RfcMs = calendar:system_time_to_rfc3339(Sys * 1000 + 5, [{unit, millisecond}]),
    p({length(RfcMs), calendar:rfc3339_to_system_time(RfcMs, [{unit, millisecond}]) =:= Sys * 1000 + 5}),
    ok.

datetime({{Y, Mo, D} = Date, {H, Mi, S}}) ->
    calendar:valid_date(Date) andalso is_integer(Y) andalso is_integer(Mo) andalso is_integer(D)
        andalso H >= 0 andalso H < 24 andalso Mi >= 0 andalso Mi < 60 andalso S >= 0 andalso S < 60.

secs_to_now(S) -> {S div 1000000, S rem 1000000, 0}.

p(X) -> io:format("~p~n", [X]).
