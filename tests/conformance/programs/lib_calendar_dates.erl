-module(lib_calendar_dates).
-export([main/0]).

%% Days, dates, leap years, weekdays and ISO weeks.
main() ->
    Dates = [{0, 1, 1}, {0, 2, 29}, {0, 12, 31}, {1, 1, 1}, {4, 2, 29}, {99, 12, 31}, {100, 3, 1},
             {400, 2, 29}, {1582, 10, 15}, {1899, 12, 31}, {1900, 2, 28}, {1900, 3, 1},
             {1969, 12, 31}, {1970, 1, 1}, {2000, 2, 29}, {2000, 12, 31}, {2020, 1, 1},
             {2024, 2, 29}, {2025, 11, 21}, {2038, 1, 19}, {9999, 12, 31}, {12345, 6, 7}],
    [p({D, calendar:date_to_gregorian_days(D), calendar:day_of_the_week(D)}) || D <- Dates],
    p([calendar:date_to_gregorian_days(Y, M, D) || {Y, M, D} <- Dates]),
    p([calendar:day_of_the_week(Y, M, D) || {Y, M, D} <- Dates]),
    Days = [0, 1, 30, 31, 59, 60, 365, 366, 367, 730, 1460, 1461, 36524, 36525, 36890,
            146096, 146097, 146098, 693961, 719528, 730485, 737790, 739941, 2932896, 4508484],
    p([calendar:gregorian_days_to_date(N) || N <- Days]),
    %% Every day of a few years goes there and back.
    RoundTrip = [N || N <- lists:seq(730120, 732000) ++ lists:seq(0, 800),
                      calendar:date_to_gregorian_days(calendar:gregorian_days_to_date(N)) =/= N],
    p(RoundTrip),
    p([{Y, calendar:is_leap_year(Y)} || Y <- [0, 1, 4, 100, 200, 400, 1600, 1700, 1900, 1996, 2000, 2023, 2024, 2100, 2400]]),
    p([calendar:last_day_of_the_month(Y, M) || Y <- [1900, 2000, 2023, 2024], M <- lists:seq(1, 12)]),
    p([calendar:valid_date(D) || D <- [{2024, 2, 29}, {2023, 2, 29}, {2023, 4, 31}, {2023, 12, 31},
                                         {2023, 13, 1}, {2023, 0, 1}, {2023, 1, 0}, {-1, 1, 1}, {0, 1, 1}]]),
    p([calendar:valid_date(Y, M, D) || {Y, M, D} <- [{1900, 2, 29}, {2000, 2, 29}, {2023, 6, 30}, {2023, 6, 31}]]),
    Weeks = [{Y, M, D} || Y <- [2004, 2008, 2009, 2010, 2015, 2016, 2020, 2021, 2026, 2027],
                          {M, D} <- [{1, 1}, {1, 2}, {1, 3}, {1, 4}, {1, 5}, {6, 15}, {12, 28}, {12, 29}, {12, 30}, {12, 31}]],
    p([calendar:iso_week_number(D) || D <- Weeks]),
    p([calendar:iso_week_number(D) || D <- [{0, 1, 3}, {0, 12, 31}, {1, 1, 1}, {9999, 12, 31}]]),
    ok.

p(X) -> io:format("~p~n", [X]).
