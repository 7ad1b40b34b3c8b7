-module(proc_receive_after_timeout).
-export([main/0, bad_timeout/0]).

%% 'after N' with a small N: print only which branch ran.
main() ->
    R1 = receive never -> message after 10 -> timeout end,
    io:format("nothing sent: ~p~n", [R1]),
    self() ! early,
    R2 = receive early -> message after 10 -> timeout end,
    io:format("message already there: ~p~n", [R2]),
    %% A child answers well within the timeout.
    Top = self(),
    spawn(fun() -> Top ! answer end),
    R3 = receive answer -> message after 5000 -> timeout end,
    io:format("child answer: ~p~n", [R3]),
    %% Non-matching messages do not stop the timer.
    self() ! noise,
    R4 = receive signal -> message after 10 -> timeout end,
    io:format("only noise: ~p~n", [R4]),
    R5 = receive noise -> still_there after 0 -> gone end,
    io:format("noise afterwards: ~p~n", [R5]),
    %% The after body can compute a value.
    R6 = receive never -> 0 after 1 -> lists:sum([1, 2, 3]) end,
    io:format("after body value: ~p~n", [R6]),
    %% A child that sleeps longer than the timeout: the timeout wins,
    %% then the late message can still be received.
    spawn(fun() -> timer:sleep(200), Top ! late end),
    R7 = receive late -> message after 5 -> timeout end,
    io:format("late message first try: ~p~n", [R7]),
    R8 = receive late -> message after 5000 -> timeout end,
    io:format("late message second try: ~p~n", [R8]),
    %% Invalid timeout values raise timeout_value.
    Bad = ?MODULE:bad_timeout(),
    R9 = try receive never -> ok after Bad -> ok end
         catch error:E -> {error, E}
         end,
    io:format("negative timeout: ~p~n", [R9]),
    ok.

bad_timeout() -> -1.
