-module(proc_main_returns).
-export([main/0]).

%% main returns while other processes are still alive: one blocked in
%% receive forever, one registered server, one waiting with a long timer.
%% The program must still end, and the output stops after main's last line.
main() ->
    Top = self(),
    Forever = spawn(fun() -> receive never_sent -> ok end end),
    Server = spawn(fun() -> server(Top) end),
    register(lingering_server, Server),
    lingering_server ! {ping, Top},
    receive pong -> io:format("server answered~n") end,
    Timed = spawn(fun() -> receive after 600000 -> io:format("should never print~n") end end),
    io:format("children alive: ~p~n", [[is_process_alive(P) || P <- [Forever, Server, Timed]]]),
    io:format("main returns now~n"),
    ok.

server(Top) ->
    receive
        {ping, From} -> From ! pong, server(Top)
    end.
