%% stdlib/include/ms_transform.hrl: a module that includes this has each
%% ets:fun2ms(fun ... end) in it made into the match specification the fun describes, when
%% the module is compiled.
-compile({parse_transform, ms_transform}).
