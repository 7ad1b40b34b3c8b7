%% logger: a small stand-in for OTP 25's logger, enough for the OTP behaviours and for
%% programs that log a message or switch logging off. Events at or above the primary
%% level (notice unless changed) are formatted in the style of erl's default handler
%% ("=ERROR REPORT==== date ===" and the text, a blank line after) and written to
%% standard_error, never to standard_io. Timestamps are in UTC (there is no local time).
%%
%% The configuration (primary level, module levels, whether the default handler is
%% installed) lives in a registered process `logger`, started the first time it is changed.
%% Left out: handlers other than the default one (add_handler/3 only records the id),
%% filters, formatters and their configuration, metadata beyond what is given in a call,
%% the ?LOG_* macros (there is no logger.hrl), proxy and overload protection.
-module(logger).

-export([emergency/1, emergency/2, emergency/3, alert/1, alert/2, alert/3,
         critical/1, critical/2, critical/3, error/1, error/2, error/3,
         warning/1, warning/2, warning/3, notice/1, notice/2, notice/3,
         info/1, info/2, info/3, debug/1, debug/2, debug/3,
         log/2, log/3, log/4, macro_log/4, macro_log/5, allow/2,
         set_primary_config/1, set_primary_config/2, get_primary_config/0,
         update_primary_config/1, set_module_level/2, unset_module_level/1,
         unset_module_level/0, get_module_level/0, get_module_level/1,
         add_handler/3, remove_handler/1, get_handler_ids/0,
         set_handler_config/2, set_handler_config/3, get_config/0,
         compare_levels/2, timestamp/0, format_report/1]).

%% Used by proc_lib, gen_server, supervisor and the other behaviours.
-export([report/3, report/4, report/5, format_time/1]).

-compile({no_auto_import, [error/2, error/3]}).

-define(LEVELS, [emergency, alert, critical, error, warning, notice, info, debug]).

emergency(A) -> log(emergency, A).
emergency(A, B) -> log(emergency, A, B).
emergency(A, B, C) -> log(emergency, A, B, C).
alert(A) -> log(alert, A).
alert(A, B) -> log(alert, A, B).
alert(A, B, C) -> log(alert, A, B, C).
critical(A) -> log(critical, A).
critical(A, B) -> log(critical, A, B).
critical(A, B, C) -> log(critical, A, B, C).
error(A) -> log(error, A).
error(A, B) -> log(error, A, B).
error(A, B, C) -> log(error, A, B, C).
warning(A) -> log(warning, A).
warning(A, B) -> log(warning, A, B).
warning(A, B, C) -> log(warning, A, B, C).
notice(A) -> log(notice, A).
notice(A, B) -> log(notice, A, B).
notice(A, B, C) -> log(notice, A, B, C).
info(A) -> log(info, A).
info(A, B) -> log(info, A, B).
info(A, B, C) -> log(info, A, B, C).
debug(A) -> log(debug, A).
debug(A, B) -> log(debug, A, B).
debug(A, B, C) -> log(debug, A, B, C).

%% log(Level, StringOrReport), log(Level, Format, Args) or log(Level, Report, Metadata),
%% log(Level, Format, Args, Metadata).
log(Level, Msg) -> log(Level, Msg, #{}).

log(Level, Format, Args) when is_list(Args) ->
    log(Level, Format, Args, #{});
log(Level, Report, Meta) when is_map(Meta) ->
    check_level(Level),
    case allow(Level, meta_module(Meta)) of
        true -> emit(Level, report_text(Report));
        false -> ok
    end.

log(Level, Format, Args, Meta) when is_map(Meta) ->
    check_level(Level),
    case allow(Level, meta_module(Meta)) of
        true -> emit(Level, format_text(Format, Args));
        false -> ok
    end;
log(Level, FunOrFormat, Args, _Meta) ->
    erlang:error(badarg, [Level, FunOrFormat, Args]).

meta_module(#{mfa := {M, _, _}}) -> M;
meta_module(_) -> undefined.

macro_log(Location, Level, A, B) -> log(Level, A, B, Location).
macro_log(Location, Level, A, B, C) when is_map(C) -> log(Level, A, B, maps:merge(Location, C)).

%% The hook the behaviours use: Kind is the header text ("CRASH REPORT", ...), Text the
%% body, already formatted.
report(Level, Kind, Text) -> report(Level, Kind, Text, undefined).

report(Level, Kind, Text, Module) ->
    report(Level, Kind, "~ts", [Text], Module).

%% The same, with the body given as a format and its arguments: formatted only if the
%% report is printed, and straight to standard_error.
report(Level, Kind, Format, Args, Module) ->
    case allow(Level, Module) of
        true -> write(Kind, Format, Args);
        false -> ok
    end.

allow(Level, Module) ->
    check_level(Level),
    Config = config(),
    case maps:get(handlers, Config) of
        [] -> false;
        _ ->
            Min = case maps:find(Module, maps:get(module_levels, Config)) of
                      {ok, L} -> L;
                      error -> maps:get(level, Config)
                  end,
            Min =/= none andalso (Min =:= all orelse rank(Level) =< rank(Min))
    end.

compare_levels(A, B) ->
    RA = rank(A),
    RB = rank(B),
    if RA < RB -> gt;
       RA > RB -> lt;
       true -> eq
    end.

rank(all) -> 8;
rank(none) -> -1;
rank(Level) -> rank(Level, ?LEVELS, 0).

rank(L, [L | _], N) -> N;
rank(L, [_ | T], N) -> rank(L, T, N + 1);
rank(L, [], _) -> erlang:error({invalid_level, L}).

check_level(L) ->
    case lists:member(L, ?LEVELS) of
        true -> ok;
        false -> erlang:error(badarg, [L])
    end.

valid_level(L) -> L =:= all orelse L =:= none orelse lists:member(L, ?LEVELS).

set_primary_config(level, L) ->
    case valid_level(L) of
        true -> change(fun(C) -> {ok, C#{level := L}} end);
        false -> {error, {invalid_level, L}}
    end;
set_primary_config(filter_default, V) when V =:= log; V =:= stop -> ok;
set_primary_config(filters, L) when is_list(L) -> ok;
set_primary_config(metadata, M) when is_map(M) -> ok;
set_primary_config(Key, Value) -> {error, {invalid_config, Key, Value}}.

set_primary_config(Map) when is_map(Map) ->
    update_primary_config(Map#{level => maps:get(level, Map, notice)}).

update_primary_config(Map) when is_map(Map) ->
    maps:fold(fun(K, V, ok) -> set_primary_config(K, V);
                 (_, _, Err) -> Err
              end, ok, Map).

get_primary_config() ->
    #{level => maps:get(level, config()), filter_default => log, filters => [],
      metadata => #{}}.

get_config() ->
    #{primary => get_primary_config(), handlers => [], module_levels => []}.

set_module_level(Mods, L) when is_list(Mods) ->
    case valid_level(L) of
        true ->
            change(fun(C = #{module_levels := ML}) ->
                           {ok, C#{module_levels := lists:foldl(fun(M, Acc) -> Acc#{M => L} end, ML, Mods)}}
                   end);
        false -> {error, {invalid_level, L}}
    end;
set_module_level(Mod, L) when is_atom(Mod) -> set_module_level([Mod], L).

unset_module_level() ->
    change(fun(C) -> {ok, C#{module_levels := #{}}} end).

unset_module_level(Mods) when is_list(Mods) ->
    change(fun(C = #{module_levels := ML}) -> {ok, C#{module_levels := maps:without(Mods, ML)}} end);
unset_module_level(Mod) -> unset_module_level([Mod]).

get_module_level() -> lists:sort(maps:to_list(maps:get(module_levels, config()))).

get_module_level(Mods) when is_list(Mods) ->
    [P || P = {M, _} <- get_module_level(), lists:member(M, Mods)];
get_module_level(Mod) -> get_module_level([Mod]).

add_handler(Id, _Module, _Config) when is_atom(Id) ->
    change(fun(C = #{handlers := Hs}) ->
                   case lists:member(Id, Hs) of
                       true -> {{error, {already_exist, Id}}, C};
                       false -> {ok, C#{handlers := Hs ++ [Id]}}
                   end
           end).

remove_handler(Id) ->
    change(fun(C = #{handlers := Hs}) ->
                   case lists:member(Id, Hs) of
                       true -> {ok, C#{handlers := lists:delete(Id, Hs)}};
                       false -> {{error, {not_found, Id}}, C}
                   end
           end).

get_handler_ids() -> maps:get(handlers, config()).

set_handler_config(Id, _Config) -> handler_exists(Id).
set_handler_config(Id, _Key, _Value) -> handler_exists(Id).

handler_exists(Id) ->
    case lists:member(Id, get_handler_ids()) of
        true -> ok;
        false -> {error, {not_found, Id}}
    end.

timestamp() -> erlang:system_time(microsecond).

%% ---------------------------------------------------------------------
%% The configuration process.

default_config() ->
    #{level => notice, module_levels => #{}, handlers => [default]}.

config() ->
    case whereis(logger) of
        undefined -> default_config();
        Pid -> request(Pid, get)
    end.

change(Fun) ->
    request(server(), {change, Fun}).

request(Pid, Req) ->
    Ref = erlang:monitor(process, Pid),
    Pid ! {'$logger', self(), Ref, Req},
    receive
        {Ref, Reply} ->
            erlang:demonitor(Ref, [flush]),
            Reply;
        {'DOWN', Ref, process, _, _} ->
            default_config()
    end.

server() ->
    case whereis(logger) of
        undefined ->
            Pid = spawn(fun() -> server_init() end),
            Ref = erlang:monitor(process, Pid),
            Pid ! {start, self()},
            receive
                {'DOWN', Ref, process, Pid, _} -> server();
                {Pid, started} ->
                    erlang:demonitor(Ref, [flush]),
                    Pid
            end;
        Pid -> Pid
    end.

server_init() ->
    receive
        {start, From} ->
            case catch register(logger, self()) of
                true ->
                    From ! {self(), started},
                    server_loop(default_config());
                _ -> ok
            end
    end.

server_loop(Config) ->
    receive
        {'$logger', From, Ref, get} ->
            From ! {Ref, Config},
            server_loop(Config);
        {'$logger', From, Ref, {change, Fun}} ->
            {Reply, NewConfig} = Fun(Config),
            From ! {Ref, Reply},
            server_loop(NewConfig);
        _ ->
            server_loop(Config)
    end.

%% ---------------------------------------------------------------------
%% Formatting.

emit(Level, Text) ->
    write(kind(Level), "~ts", [Text]).

kind(emergency) -> "EMERGENCY REPORT";
kind(alert) -> "ALERT REPORT";
kind(critical) -> "CRITICAL REPORT";
kind(error) -> "ERROR REPORT";
kind(warning) -> "WARNING REPORT";
kind(notice) -> "NOTICE REPORT";
kind(info) -> "INFO REPORT";
kind(debug) -> "DEBUG REPORT".

%% A report: its header, then the body formatted from Format and Args, straight to
%% standard_error.
write(Kind, Format, Args) ->
    Time = format_time(erlang:system_time(microsecond)),
    io:format(standard_error, "=~ts==== ~ts ===~n" ++ Format ++ "~n", [Kind, Time | Args]).

format_text(Fun, Arg) when is_function(Fun, 1) ->
    case Fun(Arg) of
        {Format, Args} when is_list(Args) -> format_text(Format, Args);
        Report when is_map(Report); is_list(Report) -> report_text(Report);
        _ -> ""
    end;
format_text(Format, Args) ->
    case catch io_lib:format(Format, Args) of
        {'EXIT', _} -> io_lib:format("FORMAT ERROR: ~tp - ~tp", [Format, Args]);
        Text -> Text
    end.

report_text({string, S}) -> S;
report_text(Report) ->
    {Format, Args} = format_report(Report),
    io_lib:format(Format, Args).

%% A report as {Format, Args}, as the default handler prints it: a string as it is; a map
%% (keys sorted) or a list one item per line, "Key: Value" for pairs (a string value as it
%% is); anything else, or nothing, as a term.
format_report(Report) when is_map(Report), map_size(Report) > 0 ->
    format_report(lists:sort(maps:to_list(Report)));
format_report([_ | _] = Report) ->
    case io_lib:printable_unicode_list(Report) of
        true -> {"~ts", [Report]};
        false ->
            case catch length(Report) of
                N when is_integer(N) ->
                    {Formats, Args} = lists:unzip([report_item(Item) || Item <- Report]),
                    {lists:append(lists:join("\n", Formats)), lists:append(Args)};
                _ ->
                    {"~tp", [Report]}
            end
    end;
format_report(Report) when is_map(Report) -> {"~tp", [[]]};
format_report(Report) -> {"~tp", [Report]}.

report_item({Key, Value}) ->
    case io_lib:printable_unicode_list(Value) of
        true -> {"    ~tp: ~ts", [Key, Value]};
        false -> {"    ~tp: ~tp", [Key, Value]}
    end;
report_item(Item) ->
    {"    ~tp", [Item]}.

%% "21-Nov-2024::13:22:00.123456" from microseconds since 1970 (UTC).
format_time(Micro) ->
    Secs = Micro div 1000000,
    Frac = Micro rem 1000000,
    Days = Secs div 86400,
    S = Secs rem 86400,
    {Y, M, D} = civil(Days),
    Month = lists:nth(M, ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                          "Oct", "Nov", "Dec"]),
    io_lib:format("~w-~s-~4..0w::~2..0w:~2..0w:~2..0w.~6..0w",
                  [D, Month, Y, S div 3600, (S rem 3600) div 60, S rem 60, Frac]).

%% Days since 1970-01-01 to {Year, Month, Day} in the proleptic Gregorian calendar.
civil(Days) ->
    Z = Days + 719468,
    Era = (if Z >= 0 -> Z; true -> Z - 146096 end) div 146097,
    Doe = Z - Era * 146097,
    Yoe = (Doe - Doe div 1460 + Doe div 36524 - Doe div 146096) div 365,
    Y0 = Yoe + Era * 400,
    Doy = Doe - (365 * Yoe + Yoe div 4 - Yoe div 100),
    Mp = (5 * Doy + 2) div 153,
    D = Doy - (153 * Mp + 2) div 5 + 1,
    M = if Mp < 10 -> Mp + 3; true -> Mp - 9 end,
    Y = if M =< 2 -> Y0 + 1; true -> Y0 end,
    {Y, M, D}.
