-module(otp_gen_server_late_reply).
-export([main/0]).
-export([init/1, handle_call/3, handle_cast/2]).

%% A reply that comes after gen_server:call/3 gave up with a timeout is not
%% delivered (OTP 24 and later send replies to a process alias that the
%% caller deactivates when it gives up).

init(S) -> {ok, S}.

handle_call(slow, _From, S) -> receive after 50 -> {reply, late, S} end.

handle_cast(_, S) -> {noreply, S}.

main() ->
    {ok, P} = gen_server:start(?MODULE, [], []),
    R = (catch gen_server:call(P, slow, 10)),
    io:format("call: ~p~n", [element(1, element(2, R))]),
    timer:sleep(150),
    {message_queue_len, N} = process_info(self(), message_queue_len),
    io:format("messages left: ~p~n", [N]),
    gen_server:stop(P),
    ok.
