%% error_logger: OTP's older logging interface, on top of logger.
%%
%% Messages and reports go through the logger's level (error_msg at error, warning_msg at
%% warning, info_msg at notice, as erl lets them through) and are printed as erl's
%% default handler prints them, on standard_error. Reports of a type other than
%% std_error, std_warning or std_info are not printed.
%%
%% Report handlers (gen_event handlers added with add_report_handler/1,2) run in a
%% gen_event registered as error_logger, started by the first one. They receive the
%% events of this module's functions, as in erl: {error, GL, {Pid, Format, Args}},
%% {error_report, GL, {Pid, Type, Report}}, and the warning_msg, warning_report, info_msg
%% and info_report forms. (Events logged through logger itself do not reach them.)
-module(error_logger).

-export([error_msg/1, error_msg/2, format/2, error_report/1, error_report/2,
         warning_msg/1, warning_msg/2, warning_report/1, warning_report/2,
         info_msg/1, info_msg/2, info_report/1, info_report/2,
         warning_map/0, tty/1, add_report_handler/1, add_report_handler/2,
         delete_report_handler/1, which_report_handlers/0, get_format_depth/0,
         limit_term/1]).

error_msg(Format) -> error_msg(Format, []).

error_msg(Format, Args) -> message(error, Format, Args).

format(Format, Args) -> message(error, Format, Args).

warning_msg(Format) -> warning_msg(Format, []).

warning_msg(Format, Args) -> message(warning_msg, Format, Args).

info_msg(Format) -> info_msg(Format, []).

info_msg(Format, Args) -> message(info_msg, Format, Args).

error_report(Report) -> error_report(std_error, Report).

error_report(Type, Report) -> report(error_report, Type, Report).

warning_report(Report) -> warning_report(std_warning, Report).

warning_report(Type, Report) -> report(warning_report, Type, Report).

info_report(Report) -> info_report(std_info, Report).

info_report(Type, Report) -> report(info_report, Type, Report).

%% The level warning_msg and warning_report log at.
warning_map() -> warning.

%% Whether messages are printed (report handlers get them either way).
tty(true) ->
    case lists:member(default, logger:get_handler_ids()) of
        true -> ok;
        false -> logger:add_handler(default, logger_std_h, #{})
    end;
tty(false) ->
    _ = logger:remove_handler(default),
    ok.

add_report_handler(Module) -> add_report_handler(Module, []).

add_report_handler(Module, Args) when is_atom(Module) ->
    gen_event:add_handler(server(), Module, Args).

delete_report_handler(Module) when is_atom(Module) ->
    case whereis(error_logger) of
        undefined -> {error, module_not_found};
        Pid -> gen_event:delete_handler(Pid, Module, [])
    end.

which_report_handlers() ->
    case whereis(error_logger) of
        undefined -> [];
        Pid -> gen_event:which_handlers(Pid)
    end.

get_format_depth() -> unlimited.

%% Term cut to the format depth (which is unlimited).
limit_term(Term) -> Term.

%% ---- Internals ------------------------------------------------------------------------

message(Tag, Format, Args) ->
    Level = level(Tag),
    case passes(Level) of
        true ->
            logger:report(Level, header(Tag), message_text(Format, Args)),
            notify({Tag, group_leader(), {self(), Format, Args}});
        false ->
            ok
    end.

report(Tag, Type, Report) ->
    Level = level(Tag),
    case passes(Level) of
        true ->
            case lists:member(Type, [std_error, std_warning, std_info]) of
                true -> logger:report(Level, header(Tag), report_text(Report));
                false -> ok
            end,
            notify({Tag, group_leader(), {self(), Type, Report}});
        false ->
            ok
    end.

level(error) -> error;
level(error_report) -> error;
level(warning_msg) -> warning;
level(warning_report) -> warning;
level(info_msg) -> notice;
level(info_report) -> notice.

header(Tag) ->
    case level(Tag) of
        error -> "ERROR REPORT";
        warning -> "WARNING REPORT";
        notice -> "INFO REPORT"
    end.

passes(Level) ->
    case maps:get(level, logger:get_primary_config()) of
        none -> false;
        all -> true;
        Min -> logger:compare_levels(Level, Min) =/= lt
    end.

notify(Event) ->
    case whereis(error_logger) of
        undefined -> ok;
        Pid -> gen_event:notify(Pid, Event)
    end.

server() ->
    case whereis(error_logger) of
        undefined ->
            case gen_event:start({local, error_logger}) of
                {ok, Pid} -> Pid;
                {error, {already_started, Pid}} -> Pid
            end;
        Pid ->
            Pid
    end.

message_text(Format, Args) ->
    try io_lib:format(Format, Args)
    catch _:_ -> io_lib:format("ERROR: ~tp - ~tp", [Format, Args])
    end.

%% A report as erl prints it: as logger's default handler does, but a map on a line of
%% its own.
report_text(Report) when is_map(Report) -> io_lib:format("~tp~n", [Report]);
report_text(Report) ->
    {Format, Args} = logger:format_report(Report),
    io_lib:format(Format, Args).
