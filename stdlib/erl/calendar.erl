%% calendar: dates and times in the proleptic Gregorian calendar, as OTP 25's calendar
%% module gives them, including the error each function raises for bad arguments and the
%% RFC 3339 conversions with their options.
%%
%% Days are counted from 0000-01-01 (day 0) and seconds from 0000-01-01T00:00:00. The
%% conversions between local and universal time go through erlang:localtime_to_universaltime/1,2
%% and erlang:universaltime_to_localtime/1; ember keeps no time zone, so local time is
%% universal time.
-module(calendar).

-export([date_to_gregorian_days/1, date_to_gregorian_days/3,
         datetime_to_gregorian_seconds/1, day_of_the_week/1, day_of_the_week/3,
         gregorian_days_to_date/1, gregorian_seconds_to_datetime/1,
         is_leap_year/1, iso_week_number/0, iso_week_number/1,
         last_day_of_the_month/2, local_time/0,
         local_time_to_universal_time/1, local_time_to_universal_time/2,
         local_time_to_universal_time_dst/1,
         now_to_datetime/1, now_to_local_time/1, now_to_universal_time/1,
         rfc3339_to_system_time/1, rfc3339_to_system_time/2,
         seconds_to_daystime/1, seconds_to_time/1,
         system_time_to_local_time/2, system_time_to_universal_time/2,
         system_time_to_rfc3339/1, system_time_to_rfc3339/2,
         time_difference/2, time_to_seconds/1, universal_time/0,
         universal_time_to_local_time/1, valid_date/1, valid_date/3]).

-define(SECONDS_PER_DAY, 86400).
-define(SECONDS_PER_HOUR, 3600).
-define(SECONDS_PER_MINUTE, 60).
%% Seconds from 0000-01-01 to 1970-01-01.
-define(EPOCH_SECONDS, 62167219200).
%% The last second of 9999-12-31, counted from 1970.
-define(LAST_RFC3339_SECOND, 253402300799).

%% ---------------------------------------------------------------------
%% Days and dates

date_to_gregorian_days({Year, Month, Day}) ->
    date_to_gregorian_days(Year, Month, Day).

date_to_gregorian_days(Year, Month, Day) when is_integer(Day), Day > 0 ->
    Last = last_day_of_the_month(Year, Month),
    if
        Day =< Last -> days_before_year(Year) + days_before_month(Year, Month) + Day - 1
    end.

%% Days from 0000-01-01 to the first of January of Year (year 0 is a leap year).
days_before_year(0) -> 0;
days_before_year(Year) ->
    Year * 365 + (Year + 3) div 4 - (Year + 99) div 100 + (Year + 399) div 400.

days_before_month(Year, Month) ->
    Days = element(Month, {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334}),
    case Month > 2 andalso is_leap_year(Year) of
        true -> Days + 1;
        false -> Days
    end.

gregorian_days_to_date(Days) when Days >= 0 ->
    Year = year_of_day(Days, Days * 400 div 146097),
    day_in_year(Year, Days - days_before_year(Year)).

%% The year holding day Days, from a guess that is at most one year off.
year_of_day(Days, Year) ->
    Before = days_before_year(Year),
    if
        Before > Days -> year_of_day(Days, Year - 1);
        true ->
            case days_before_year(Year + 1) =< Days of
                true -> year_of_day(Days, Year + 1);
                false -> Year
            end
    end.

day_in_year(Year, DayOfYear) -> day_in_year(Year, 1, DayOfYear).

day_in_year(Year, Month, Day) ->
    Last = last_day_of_the_month(Year, Month),
    if
        Day < Last -> {Year, Month, Day + 1};
        true -> day_in_year(Year, Month + 1, Day - Last)
    end.

datetime_to_gregorian_seconds({Date, Time}) ->
    ?SECONDS_PER_DAY * date_to_gregorian_days(Date) + time_to_seconds(Time).

gregorian_seconds_to_datetime(Secs) when Secs >= 0 ->
    Days = Secs div ?SECONDS_PER_DAY,
    {gregorian_days_to_date(Days), seconds_to_time(Secs rem ?SECONDS_PER_DAY)}.

%% 1 is Monday and 7 Sunday; 0000-01-01 was a Saturday.
day_of_the_week({Year, Month, Day}) ->
    day_of_the_week(Year, Month, Day).

day_of_the_week(Year, Month, Day) ->
    (date_to_gregorian_days(Year, Month, Day) + 5) rem 7 + 1.

is_leap_year(Year) when is_integer(Year), Year >= 0 ->
    (Year rem 4 =:= 0 andalso Year rem 100 =/= 0) orelse Year rem 400 =:= 0.

last_day_of_the_month(Year, Month) when is_integer(Year), Year >= 0 ->
    month_length(Year, Month).

month_length(Year, 2) ->
    case is_leap_year(Year) of
        true -> 29;
        false -> 28
    end;
month_length(_, 4) -> 30;
month_length(_, 6) -> 30;
month_length(_, 9) -> 30;
month_length(_, 11) -> 30;
month_length(_, Month) when is_integer(Month), Month > 0, Month < 13 -> 31.

valid_date({Year, Month, Day}) ->
    valid_date(Year, Month, Day).

valid_date(Year, Month, Day) when is_integer(Year), is_integer(Month), is_integer(Day) ->
    Year >= 0 andalso Month > 0 andalso Month < 13 andalso Day > 0
        andalso Day =< last_day_of_the_month(Year, Month).

%% ISO 8601 weeks start on Monday; week 1 is the week with the year's first Thursday.
iso_week_number() ->
    {Date, _} = local_time(),
    iso_week_number(Date).

iso_week_number({Year, Month, Day}) ->
    Days = date_to_gregorian_days(Year, Month, Day),
    Start = week_one_start(Year),
    if
        Days < Start ->
            {Year - 1, (Days - week_one_start(Year - 1)) div 7 + 1};
        true ->
            case Days >= week_one_start(Year + 1) of
                true -> {Year + 1, 1};
                false -> {Year, (Days - Start) div 7 + 1}
            end
    end.

%% The day number of the Monday that starts week 1: the Monday on or before 4 January.
week_one_start(Year) ->
    Jan4 = date_to_gregorian_days(Year, 1, 4),
    Jan4 - (Jan4 + 5) rem 7.

%% ---------------------------------------------------------------------
%% Times of day

seconds_to_daystime(Secs) ->
    Days = Secs div ?SECONDS_PER_DAY,
    Rest = Secs rem ?SECONDS_PER_DAY,
    if
        Rest < 0 -> {Days - 1, seconds_to_time(Rest + ?SECONDS_PER_DAY)};
        true -> {Days, seconds_to_time(Rest)}
    end.

seconds_to_time(Secs) when Secs >= 0, Secs < ?SECONDS_PER_DAY ->
    Minutes = Secs rem ?SECONDS_PER_HOUR,
    {Secs div ?SECONDS_PER_HOUR, Minutes div ?SECONDS_PER_MINUTE, Minutes rem ?SECONDS_PER_MINUTE}.

time_to_seconds({H, M, S}) when is_integer(H), is_integer(M), is_integer(S) ->
    H * ?SECONDS_PER_HOUR + M * ?SECONDS_PER_MINUTE + S.

time_difference({{_, _, _}, {_, _, _}} = DateTime1, {{_, _, _}, {_, _, _}} = DateTime2) ->
    seconds_to_daystime(datetime_to_gregorian_seconds(DateTime2)
                        - datetime_to_gregorian_seconds(DateTime1)).

%% ---------------------------------------------------------------------
%% The system clock and time zones

universal_time() -> erlang:universaltime().

local_time() -> erlang:localtime().

universal_time_to_local_time(DateTime) ->
    erlang:universaltime_to_localtime(DateTime).

local_time_to_universal_time(DateTime) ->
    erlang:localtime_to_universaltime(DateTime).

local_time_to_universal_time(DateTime, IsDst) ->
    erlang:localtime_to_universaltime(DateTime, IsDst).

%% The universal times that the local time can stand for: none when it falls in the gap
%% at the start of summer time, two when it is repeated at its end, else one.
local_time_to_universal_time_dst(DateTime) ->
    UtDst = erlang:localtime_to_universaltime(DateTime, true),
    Ut = erlang:localtime_to_universaltime(DateTime, false),
    DstValid = erlang:universaltime_to_localtime(UtDst) =:= DateTime,
    Valid = erlang:universaltime_to_localtime(Ut) =:= DateTime,
    if
        DstValid, Valid, UtDst =/= Ut -> [UtDst, Ut];
        Valid -> [Ut];
        DstValid -> [UtDst];
        true -> []
    end.

now_to_datetime(Now) -> now_to_universal_time(Now).

now_to_universal_time({MegaSecs, Secs, _MicroSecs}) ->
    gregorian_seconds_to_datetime(MegaSecs * 1000000 + Secs + ?EPOCH_SECONDS).

now_to_local_time(Now) ->
    erlang:universaltime_to_localtime(now_to_universal_time(Now)).

system_time_to_universal_time(Time, TimeUnit) ->
    Secs = erlang:convert_time_unit(Time, TimeUnit, second),
    gregorian_seconds_to_datetime(Secs + ?EPOCH_SECONDS).

system_time_to_local_time(Time, TimeUnit) ->
    erlang:universaltime_to_localtime(system_time_to_universal_time(Time, TimeUnit)).

%% ---------------------------------------------------------------------
%% RFC 3339

rfc3339_to_system_time(DateTimeString) ->
    rfc3339_to_system_time(DateTimeString, []).

rfc3339_to_system_time(DateTimeString, Options) ->
    Unit = proplists:get_value(unit, Options, second),
    [Y1, Y2, Y3, Y4, $-, Mon1, Mon2, $-, D1, D2, _T, H1, H2, $:, Min1, Min2, $:, S1, S2 | Rest] =
        DateTimeString,
    Date = {list_to_integer([Y1, Y2, Y3, Y4]), list_to_integer([Mon1, Mon2]),
            list_to_integer([D1, D2])},
    Time = {list_to_integer([H1, H2]), list_to_integer([Min1, Min2]), list_to_integer([S1, S2])},
    Local = datetime_to_gregorian_seconds({Date, Time}) - ?EPOCH_SECONDS,
    {Fraction, Offset} = split_fraction(Rest),
    Secs = Local - parse_zone(Offset),
    Scaled = erlang:convert_time_unit(Secs, second, Unit),
    case Fraction of
        "" -> Scaled;
        _ ->
            %% The fraction takes the sign of the whole seconds, as OTP does.
            Part = fraction_in_unit(Unit, Fraction),
            if
                Secs < 0 -> Scaled - Part;
                true -> Scaled + Part
            end
    end.

%% The fraction is the run of digits and dots after the seconds; what follows is the offset.
split_fraction(Rest) ->
    lists:splitwith(fun(C) -> (C >= $0 andalso C =< $9) orelse C =:= $. end, Rest).

parse_zone("Z") -> 0;
parse_zone("z") -> 0;
parse_zone(Offset) -> parse_offset(Offset).

%% "+HH:MM", "-HH:MM" or "+HH" as seconds east of universal time.
parse_offset(Offset) ->
    [Sign, H1, H2 | Rest] = Offset,
    Hours = list_to_integer([H1, H2]),
    Minutes = case Rest of
                  [$:, M1, M2] -> list_to_integer([M1, M2]);
                  [] -> 0
              end,
    Secs = Hours * ?SECONDS_PER_HOUR + Minutes * ?SECONDS_PER_MINUTE,
    case Sign of
        $+ -> Secs;
        $- -> -Secs
    end.

%% The fraction (".ddd") read as a float and rounded to the unit, as OTP does; with the
%% unit second it is dropped.
fraction_in_unit(second, _Fraction) -> 0;
fraction_in_unit(millisecond, Fraction) -> round_fraction(Fraction, 1000);
fraction_in_unit(microsecond, Fraction) -> round_fraction(Fraction, 1000000);
fraction_in_unit(nanosecond, Fraction) -> round_fraction(Fraction, 1000000000);
fraction_in_unit(native, Fraction) ->
    round_fraction(Fraction, erlang:convert_time_unit(1, second, native)).

round_fraction(Fraction, PerSecond) ->
    round(list_to_float([$0 | Fraction]) * PerSecond).

system_time_to_rfc3339(Time) ->
    system_time_to_rfc3339(Time, []).

system_time_to_rfc3339(Time, Options) ->
    Unit = proplists:get_value(unit, Options, second),
    OffsetOption = proplists:get_value(offset, Options, ""),
    Designator = proplists:get_value(time_designator, Options, $T),
    Adjust = offset_seconds(OffsetOption, Time, Unit),
    {Time1, Unit1} = case Unit of
                         native -> {erlang:convert_time_unit(Time, native, millisecond), millisecond};
                         _ -> {Time, Unit}
                     end,
    PerSecond = erlang:convert_time_unit(1, second, Unit1),
    %% The offset is added in the unit; then whole seconds round toward zero and the
    %% fraction is printed without its sign, as OTP does.
    LocalTime = Time1 + Adjust * PerSecond,
    Local = LocalTime div PerSecond,
    Digits = fraction_digits(Unit1),
    if
        Local < -?EPOCH_SECONDS; Local > ?LAST_RFC3339_SECOND ->
            erlang:error({badarg, [Time1, Options]});
        true -> ok
    end,
    {{Y, Mo, D}, {H, Mi, S}} = gregorian_seconds_to_datetime(Local + ?EPOCH_SECONDS),
    Fraction = case Digits of
                   0 -> "";
                   _ -> [$. | pad(abs(LocalTime rem PerSecond), Digits)]
               end,
    Zone = case OffsetOption of
               "" -> format_offset(Adjust);
               _ when is_integer(OffsetOption) -> format_offset(Adjust);
               _ -> OffsetOption
           end,
    pad(Y, 4) ++ "-" ++ pad(Mo, 2) ++ "-" ++ pad(D, 2) ++ [Designator]
        ++ pad(H, 2) ++ ":" ++ pad(Mi, 2) ++ ":" ++ pad(S, 2) ++ Fraction ++ Zone.

%% Seconds to add to universal time to get the time that is printed.
offset_seconds("", Time, Unit) ->
    Universal = system_time_to_universal_time(Time, Unit),
    Local = erlang:universaltime_to_localtime(Universal),
    datetime_to_gregorian_seconds(Local) - datetime_to_gregorian_seconds(Universal);
offset_seconds(Offset, _Time, Unit) when is_integer(Offset) ->
    erlang:convert_time_unit(Offset, Unit, second);
offset_seconds(Offset, _Time, _Unit) when is_list(Offset) ->
    parse_zone(Offset).

fraction_digits(second) -> 0;
fraction_digits(millisecond) -> 3;
fraction_digits(microsecond) -> 6;
fraction_digits(nanosecond) -> 9.

format_offset(Secs) ->
    Sign = if
               Secs < 0 -> $-;
               true -> $+
           end,
    Abs = abs(Secs),
    [Sign | pad(Abs div ?SECONDS_PER_HOUR, 2)] ++ ":"
        ++ pad(Abs rem ?SECONDS_PER_HOUR div ?SECONDS_PER_MINUTE, 2).

%% The decimal digits of a non-negative integer, with leading zeros up to Width.
pad(N, Width) ->
    Digits = integer_to_list(N),
    lists:duplicate(max(0, Width - length(Digits)), $0) ++ Digits.
