%% timer: sleeping, timing and delayed messages, as OTP 25's timer module behaves for
%% them. The delayed sends use the VM's timers (erlang:send_after/3); apply_after,
%% send_interval, exit_after and kill_after run a small helper process per timer instead of
%% OTP's timer server. Timer references are {instant, Ref} or {interval, Pid} tuples.
-module(timer).

-export([sleep/1, tc/1, tc/2, tc/3, seconds/1, minutes/1, hours/1, hms/3,
         send_after/2, send_after/3, send_interval/2, send_interval/3,
         apply_after/4, apply_interval/4, exit_after/2, exit_after/3,
         kill_after/1, kill_after/2, cancel/1, now_diff/2]).

sleep(T) when is_integer(T), T >= 0; T =:= infinity ->
    receive after T -> ok end.

tc(F) ->
    T0 = erlang:monotonic_time(microsecond),
    V = F(),
    {erlang:monotonic_time(microsecond) - T0, V}.

tc(F, A) ->
    T0 = erlang:monotonic_time(microsecond),
    V = apply(F, A),
    {erlang:monotonic_time(microsecond) - T0, V}.

tc(M, F, A) ->
    T0 = erlang:monotonic_time(microsecond),
    V = apply(M, F, A),
    {erlang:monotonic_time(microsecond) - T0, V}.

seconds(S) -> 1000 * S.
minutes(M) -> 1000 * 60 * M.
hours(H) -> 1000 * 60 * 60 * H.
hms(H, M, S) -> hours(H) + minutes(M) + seconds(S).

send_after(T, Msg) -> send_after(T, self(), Msg).

send_after(T, Dest, Msg) when is_integer(T), T >= 0 ->
    {ok, {instant, erlang:send_after(T, Dest, Msg)}};
send_after(_, _, _) ->
    {error, badarg}.

send_interval(T, Msg) -> send_interval(T, self(), Msg).

send_interval(T, Dest, Msg) when is_integer(T), T >= 0 ->
    apply_interval(T, erlang, send, [Dest, Msg]);
send_interval(_, _, _) ->
    {error, badarg}.

apply_after(T, M, F, A) when is_integer(T), T >= 0, is_atom(M), is_atom(F), is_list(A) ->
    Pid = spawn(fun() -> receive cancel -> ok after T -> apply(M, F, A) end end),
    {ok, {interval, Pid}};
apply_after(_, _, _, _) ->
    {error, badarg}.

apply_interval(T, M, F, A) when is_integer(T), T >= 0, is_atom(M), is_atom(F), is_list(A) ->
    Owner = self(),
    Pid = spawn(fun() -> Ref = erlang:monitor(process, Owner), interval(T, Ref, M, F, A) end),
    {ok, {interval, Pid}};
apply_interval(_, _, _, _) ->
    {error, badarg}.

interval(T, Ref, M, F, A) ->
    receive
        cancel -> ok;
        {'DOWN', Ref, process, _, _} -> ok
    after T ->
        catch apply(M, F, A),
        interval(T, Ref, M, F, A)
    end.

exit_after(T, Reason) -> exit_after(T, self(), Reason).
exit_after(T, Pid, Reason) -> apply_after(T, erlang, exit, [Pid, Reason]).
kill_after(T) -> exit_after(T, self(), kill).
kill_after(T, Pid) -> exit_after(T, Pid, kill).

cancel({instant, Ref}) ->
    erlang:cancel_timer(Ref),
    {ok, cancel};
cancel({interval, Pid}) when is_pid(Pid) ->
    Pid ! cancel,
    {ok, cancel};
cancel(_) ->
    {error, badarg}.

now_diff({A2, B2, C2}, {A1, B1, C1}) ->
    ((A2 - A1) * 1000000 + B2 - B1) * 1000000 + C2 - C1.
