%% logger: a small stand-in for OTP 25's logger, enough for the OTP behaviours and for
%% programs that log a message or switch logging off. Events at or above the primary
%% level (notice unless changed) are formatted in the style of erl's default handler
%% ("=ERROR REPORT==== date ===" and the text, a blank line after) and written to
%% standard_error, never to standard_io. Timestamps are in UTC (there is no local time).
%%
%% The configuration (primary level, module levels, whether the default handler is
%% installed) lives in a registered process `logger`, started the first time it is changed.
%% Primary filters and the default handler's filters run on log events
%% (#{level, msg, meta}, meta with the process metadata) when there are any; the ?LOG_*
%% macros come from kernel/include/logger.hrl, which ember ships.
%% Left out: handlers other than the default one (add_handler/3 only records the id),
%% formatters and their configuration (taken, not used), proxy and overload protection.
-module(logger).

-export([emergency/1, emergency/2, emergency/3, alert/1, alert/2, alert/3,
         critical/1, critical/2, critical/3, error/1, error/2, error/3,
         warning/1, warning/2, warning/3, notice/1, notice/2, notice/3,
         info/1, info/2, info/3, debug/1, debug/2, debug/3,
         log/2, log/3, log/4, macro_log/3, macro_log/4, macro_log/5, allow/2,
         set_primary_config/1, set_primary_config/2, get_primary_config/0,
         update_primary_config/1, set_module_level/2, unset_module_level/1,
         unset_module_level/0, get_module_level/0, get_module_level/1,
         add_handler/3, remove_handler/1, get_handler_ids/0,
         set_handler_config/2, set_handler_config/3, get_config/0,
         compare_levels/2, timestamp/0, format_report/1,
         set_process_metadata/1, update_process_metadata/1, get_process_metadata/0,
         unset_process_metadata/0, add_primary_filter/2, remove_primary_filter/1,
         add_handler_filter/3, remove_handler_filter/2, get_handler_config/0,
         get_handler_config/1, update_handler_config/2, update_handler_config/3,
         update_formatter_config/2, update_formatter_config/3,
         set_application_level/2, unset_application_level/1, reconfigure/0]).

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

%% log(Level, StringOrReport), log(Level, Format, Args), log(Level, Fun, Arg) or
%% log(Level, Report, Metadata), log(Level, FormatOrFun, Args, Metadata).
log(Level, Msg) -> log(Level, Msg, #{}).

log(Level, Fun, Arg) when is_function(Fun, 1) ->
    log(Level, Fun, Arg, #{});
log(Level, Format, Args) when is_list(Args) ->
    log(Level, Format, Args, #{});
log(Level, Report, Meta) when is_map(Meta) ->
    do_log(Level, report_msg(Report), #{}, Meta).

log(Level, FormatOrFun, Args, Meta) when is_map(Meta) ->
    do_log(Level, {FormatOrFun, Args}, #{}, Meta);
log(Level, FunOrFormat, Args, _Meta) ->
    erlang:error(badarg, [Level, FunOrFormat, Args]).

%% What the ?LOG_* macros call: the caller's location is metadata of the event, which the
%% process metadata and then the call's own override.
macro_log(Location, Level, StringOrReport) ->
    do_log(Level, report_msg(StringOrReport), Location, #{}).
macro_log(Location, Level, A, Meta) when is_map(Meta) ->
    do_log(Level, report_msg(A), Location, Meta);
macro_log(Location, Level, A, B) ->
    do_log(Level, {A, B}, Location, #{}).
macro_log(Location, Level, A, B, Meta) when is_map(Meta) ->
    do_log(Level, {A, B}, Location, Meta).

do_log(Level, Msg, Location, Meta) ->
    check_level(Level),
    Config = config(),
    case allow(Level, meta_module(maps:merge(Location, Meta)), Config) of
        true -> dispatch(Config, Level, Msg, Location, Meta);
        false -> ok
    end.

%% A string or a report, as a log event's msg.
report_msg(Report) ->
    case io_lib:printable_unicode_list(Report) of
        true -> {string, Report};
        false when is_binary(Report) -> {string, Report};
        false -> {report, Report}
    end.

%% A log event (#{level, msg, meta}) through the primary filters and the default
%% handler's, then printed. Without filters (and with filter_default log) no event is
%% made. With filter_default stop, an event no filter passed on is dropped.
dispatch(Config, Level, Msg, Location, Meta) ->
    case Config of
        #{filters := [], handler_filters := [], filter_default := log} ->
            emit(Level, msg_text(Msg));
        #{filters := Primary, handler_filters := Handler, filter_default := Default} ->
            Event = #{level => Level, msg => Msg, meta => event_meta(Location, Meta)},
            case run_filters(Primary, Event, false) of
                stop -> ok;
                {_, false} when Default =:= stop -> ok;
                {Event1, _} ->
                    case run_filters(Handler, Event1, true) of
                        stop -> ok;
                        {#{level := L, msg := M}, _} -> emit(L, msg_text(M))
                    end
            end
    end.

event_meta(Location, Meta) ->
    Base = #{pid => self(), gl => group_leader(), time => timestamp()},
    Process = case get_process_metadata() of
                  undefined -> #{};
                  P -> P
              end,
    maps:merge(maps:merge(maps:merge(Base, Location), Process), Meta).

%% Each filter gives the event (perhaps changed), `ignore` (pass it on as it is) or
%% `stop`: {Event, WhetherAFilterPassedIt} or stop. A filter that fails is removed, as in
%% erl.
run_filters([], Event, Passed) -> {Event, Passed};
run_filters([{Id, {Fun, Arg}} | Filters], Event, Passed) ->
    case catch Fun(Event, Arg) of
        stop -> stop;
        ignore -> run_filters(Filters, Event, Passed);
        #{level := _, msg := _, meta := _} = Event1 -> run_filters(Filters, Event1, true);
        _ ->
            _ = remove_primary_filter(Id),
            _ = remove_handler_filter(default, Id),
            run_filters(Filters, Event, Passed)
    end.

msg_text({string, S}) -> S;
msg_text({report, R}) -> report_text(R);
msg_text({Format, Args}) -> format_text(Format, Args).

meta_module(#{mfa := {M, _, _}}) -> M;
meta_module(_) -> undefined.


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
    allow(Level, Module, config()).

allow(Level, Module, Config) ->
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
set_primary_config(filter_default, V) when V =:= log; V =:= stop ->
    change(fun(C) -> {ok, C#{filter_default := V}} end);
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
    Config = config(),
    #{level => maps:get(level, Config), filter_default => maps:get(filter_default, Config),
      filters => maps:get(filters, Config), metadata => #{}}.

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

%% Metadata every event of this process carries, kept in its dictionary.
set_process_metadata(Meta) when is_map(Meta) ->
    put('$logger_metadata$', Meta),
    ok;
set_process_metadata(Meta) ->
    erlang:error(badarg, [Meta]).

update_process_metadata(Meta) when is_map(Meta) ->
    case get_process_metadata() of
        undefined -> set_process_metadata(Meta);
        Old -> set_process_metadata(maps:merge(Old, Meta))
    end;
update_process_metadata(Meta) ->
    erlang:error(badarg, [Meta]).

get_process_metadata() -> get('$logger_metadata$').

unset_process_metadata() ->
    erase('$logger_metadata$'),
    ok.

add_primary_filter(Id, {Fun, _} = Filter) when is_function(Fun, 2) ->
    change(fun(C = #{filters := Fs}) -> add_filter(Id, Filter, Fs, filters, C) end);
add_primary_filter(Id, Filter) ->
    {error, {invalid_filter, {Id, Filter}}}.

remove_primary_filter(Id) ->
    change(fun(C = #{filters := Fs}) -> remove_filter(Id, Fs, filters, C) end).

add_handler_filter(default, Id, {Fun, _} = Filter) when is_function(Fun, 2) ->
    change(fun(C = #{handler_filters := Fs}) -> add_filter(Id, Filter, Fs, handler_filters, C) end);
add_handler_filter(default, Id, Filter) ->
    {error, {invalid_filter, {Id, Filter}}};
add_handler_filter(HandlerId, _Id, _Filter) ->
    {error, {not_found, HandlerId}}.

remove_handler_filter(default, Id) ->
    change(fun(C = #{handler_filters := Fs}) -> remove_filter(Id, Fs, handler_filters, C) end);
remove_handler_filter(HandlerId, _Id) ->
    {error, {not_found, HandlerId}}.

%% Filters run latest first.
add_filter(Id, Filter, Fs, Key, C) ->
    case lists:keymember(Id, 1, Fs) of
        true -> {{error, {already_exist, Id}}, C};
        false -> {ok, C#{Key := [{Id, Filter} | Fs]}}
    end.

remove_filter(Id, Fs, Key, C) ->
    case lists:keymember(Id, 1, Fs) of
        true -> {ok, C#{Key := lists:keydelete(Id, 1, Fs)}};
        false -> {{error, {not_found, Id}}, C}
    end.

%% The default handler's configuration, as erl describes it.
get_handler_config() ->
    [Config || Id <- get_handler_ids(), {ok, Config} <- [get_handler_config(Id)]].

get_handler_config(Id) ->
    case lists:member(Id, get_handler_ids()) of
        true ->
            {ok, #{id => Id, module => logger_std_h, level => all,
                   filters => maps:get(handler_filters, config()), filter_default => log,
                   formatter => {logger_formatter, #{legacy_header => true, single_line => false}},
                   config => #{type => standard_error}}};
        false ->
            {error, {not_found, Id}}
    end.

%% Handler and formatter settings are taken and not used (the default handler's format is
%% fixed).
update_handler_config(Id, _Config) -> handler_exists(Id).
update_handler_config(Id, _Key, _Value) -> handler_exists(Id).

update_formatter_config(Id, _Config) -> handler_exists(Id).
update_formatter_config(Id, _Key, _Value) -> handler_exists(Id).

%% Applications have no levels of their own here.
set_application_level(_App, Level) ->
    case valid_level(Level) of
        true -> ok;
        false -> {error, {invalid_level, Level}}
    end.

unset_application_level(_App) -> ok.

reconfigure() -> ok.

%% ---------------------------------------------------------------------
%% The configuration process.

default_config() ->
    #{level => notice, module_levels => #{}, handlers => [default], filters => [],
      handler_filters => [], filter_default => log}.

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
    case printable(Report) of
        true -> {"~ts", [lists:flatten(Report)]};
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
    case Value =/= [] andalso printable(Value) of
        true -> {"    ~tp: ~ts", [Key, Value]};
        false -> {"    ~tp: ~tp", [Key, Value]}
    end;
report_item(Item) ->
    {"    ~tp", [Item]}.

%% A deep list of characters that print as text.
printable(L) ->
    io_lib:deep_char_list(L) andalso io_lib:printable_unicode_list(lists:flatten(L)).

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
