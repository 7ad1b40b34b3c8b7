%% ets: the parts of the ets module written in Erlang. Everything else in ets is a
%% built-in (vm/src/bif/ets.rs); loading this module only adds the functions below to it.
-module(ets).
-export([foldl/3, foldr/3]).

foldl(F, Acc, Table) when is_function(F, 2) -> lists:foldl(F, Acc, ets:tab2list(Table)).

foldr(F, Acc, Table) when is_function(F, 2) -> lists:foldr(F, Acc, ets:tab2list(Table)).
