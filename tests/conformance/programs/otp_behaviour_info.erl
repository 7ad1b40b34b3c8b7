%% behaviour_info/1 of the OTP behaviours (made from -callback and -optional_callbacks),
%% and of a module of our own that declares callbacks.
-module(otp_behaviour_info).
-export([main/0]).
-callback start(Arg :: term()) -> ok.
-callback stop() -> ok.
-callback extra(A :: term(), B :: term()) -> ok.
-optional_callbacks([extra/2]).

main() ->
    [io:format("~p~n~p~n~p~n", [M, lists:sort(M:behaviour_info(callbacks)),
                                lists:sort(M:behaviour_info(optional_callbacks))])
     || M <- [gen_server, gen_statem, gen_event, supervisor, application, ?MODULE]],
    ok.
