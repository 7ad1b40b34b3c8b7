-module(kv).
-export([start/0, stop/1, put/3, get/2, keys/1]).

start() -> spawn(fun () -> loop(#{}) end).

stop(Pid) ->
    Pid ! {stop, self()},
    receive stopped -> ok end.

put(Pid, K, V) -> call(Pid, {put, K, V}).
get(Pid, K) -> call(Pid, {get, K}).
keys(Pid) -> call(Pid, keys).

call(Pid, Req) ->
    Ref = make_ref(),
    Pid ! {Req, self(), Ref},
    receive {Ref, Reply} -> Reply end.

loop(Map) ->
    receive
        {{put, K, V}, From, Ref} -> From ! {Ref, ok}, loop(Map#{K => V});
        {{get, K}, From, Ref} -> From ! {Ref, maps:find(K, Map)}, loop(Map);
        {keys, From, Ref} -> From ! {Ref, lists:sort(maps:keys(Map))}, loop(Map);
        {stop, From} -> From ! stopped
    end.
