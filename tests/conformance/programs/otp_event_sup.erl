-module(otp_event_sup).
-export([main/0]).
-export([init/1, handle_event/2, handle_call/2, handle_info/2, terminate/2]).

%% gen_event supervised handlers and swapping: {gen_event_EXIT, Handler, Reason}
%% messages, handlers removed when their supervisor exits, swap_handler and
%% swap_sup_handler, the manager's exit as seen by handlers and supervisors.

init({swapped, Args, FromTerminate}) ->
    io:format("  init after swap: ~p ~p~n", [Args, FromTerminate]),
    {ok, {swapped, Args}};
init(Name) ->
    {ok, Name}.

handle_event(remove, _S) -> remove_handler;
handle_event(crash, S) -> exit({crashed, S});
handle_event(swap, S) -> {swap_handler, swap_arg, S, {?MODULE, new}, new_arg};
handle_event(Event, S) ->
    io:format("  ~p got ~p~n", [S, Event]),
    {ok, S}.

handle_call(get, S) -> {ok, S, S}.

handle_info({'EXIT', _, Reason}, S) ->
    io:format("  ~p saw an exit: ~p~n", [S, Reason]),
    {ok, S};
handle_info(Info, S) ->
    io:format("  ~p info ~p~n", [S, Info]),
    {ok, S}.

terminate(Arg, S) ->
    io:format("  terminate ~p: ~p~n", [S, Arg]),
    {left, S}.

main() ->
    logger:set_primary_config(level, none),
    process_flag(trap_exit, true),
    {ok, M} = gen_event:start_link(),
    ok = gen_event:add_sup_handler(M, {?MODULE, s1}, s1),
    ok = gen_event:add_sup_handler(M, {?MODULE, s2}, s2),
    ok = gen_event:add_sup_handler(M, {?MODULE, s3}, s3),
    ok = gen_event:add_handler(M, {?MODULE, plain}, plain),
    io:format("delete s1: ~p~n", [gen_event:delete_handler(M, {?MODULE, s1}, bye)]),
    show_messages(),
    gen_event:sync_notify(M, remove),
    show_messages(),
    ok = gen_event:add_sup_handler(M, {?MODULE, s4}, s4),
    gen_event:sync_notify(M, crash),
    show_messages(),
    io:format("handlers: ~p~n", [gen_event:which_handlers(M)]),
    %% swap_handler keeps what terminate returned for the new handler's init.
    ok = gen_event:add_handler(M, {?MODULE, p1}, p1),
    io:format("swap: ~p~n", [gen_event:swap_handler(M, {{?MODULE, p1}, swap_out}, {{?MODULE, p2}, {swapped, in}})]),
    io:format("swap missing: ~p~n", [gen_event:swap_handler(M, {{?MODULE, none}, x}, {{?MODULE, p3}, {swapped, in3}})]),
    io:format("handlers: ~p~n", [gen_event:which_handlers(M)]),
    ok = gen_event:add_sup_handler(M, {?MODULE, s5}, s5),
    io:format("swap_sup: ~p~n", [gen_event:swap_sup_handler(M, {{?MODULE, s5}, out}, {{?MODULE, s6}, {swapped, in}})]),
    show_messages(),
    io:format("get s6: ~p~n", [gen_event:call(M, {?MODULE, s6}, get)]),
    %% A handler added by another process goes away when that process exits.
    Top = self(),
    Other = spawn(fun() ->
                          ok = gen_event:add_sup_handler(M, {?MODULE, theirs}, theirs),
                          Top ! added,
                          receive go -> exit(other_done) end
                  end),
    receive added -> ok end,
    io:format("handlers: ~p~n", [gen_event:which_handlers(M)]),
    Other ! go,
    wait_removed(M, {?MODULE, theirs}),
    _ = gen_event:which_handlers(M),
    io:format("handlers: ~p~n", [gen_event:which_handlers(M)]),
    io:format("stopping the manager~n"),
    exit(M, shutdown),
    receive {'EXIT', M, R} -> io:format("manager exit: ~p~n", [R]) end,
    show_messages(),
    ok.

wait_removed(M, H) ->
    case lists:member(H, gen_event:which_handlers(M)) of
        true -> timer:sleep(2), wait_removed(M, H);
        false -> ok
    end.

show_messages() ->
    receive
        {gen_event_EXIT, H, Reason} ->
            io:format("message: gen_event_EXIT ~p ~p~n", [H, shape(Reason)]),
            show_messages()
    after 50 -> ok
    end.

shape({swapped, H, P}) when is_pid(P) -> {swapped, H, pid};
shape(X) -> X.
