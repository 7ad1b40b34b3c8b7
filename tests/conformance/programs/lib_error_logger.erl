%% error_logger's report handlers: gen_event handlers that get every message and report of
%% error_logger's functions (whatever their type, and with printing off), added twice,
%% deleted one at a time; and what the other functions return.
-module(lib_error_logger).
-behaviour(gen_event).
-export([main/0, init/1, handle_event/2, handle_call/2, handle_info/2, terminate/2]).
init(Args) -> io:format("init ~p~n", [Args]), {ok, []}.
handle_event({Kind, GL, {Pid, A, B}}, S) ->
    io:format("event ~p gl=~p pid=~p ~p ~p~n", [Kind, is_pid(GL), Pid =:= whereis(main), A, B]), {ok, S};
handle_event(E, S) -> io:format("other ~p~n", [E]), {ok, S}.
handle_call(C, S) -> {ok, {called, C}, S}.
handle_info(_, S) -> {ok, S}.
terminate(Arg, _) -> io:format("terminate ~p~n", [Arg]), done.
main() ->
    register(main, self()),
    io:format("~p~n", [error_logger:tty(false)]),
    io:format("~p~n", [error_logger:add_report_handler(lib_error_logger)]),
    io:format("~p~n", [error_logger:add_report_handler(lib_error_logger, myargs)]),
    io:format("~p~n", [error_logger:which_report_handlers()]),
    error_logger:error_msg("e ~p~n", [1]),
    error_logger:warning_msg("w~n"),
    error_logger:info_msg("i~n", []),
    error_logger:error_report([{a, 1}]),
    error_logger:error_report(my_type, x),
    error_logger:warning_report(wt, y),
    error_logger:info_report(z),
    error_logger:format("f~n", []),
    logger:error("from logger ~p", [q]),
    timer:sleep(100),
    io:format("~p~n", [error_logger:delete_report_handler(lib_error_logger)]),
    io:format("~p~n", [error_logger:delete_report_handler(lib_error_logger)]),
    io:format("~p~n", [error_logger:which_report_handlers()]),
    io:format("~p~n", [error_logger:limit_term({a, [1,2]})]),
    io:format("~p~n", [{error_logger:warning_map(), error_logger:get_format_depth()}]),
    io:format("~p~n", [error_logger:tty(true)]),
    ok.
