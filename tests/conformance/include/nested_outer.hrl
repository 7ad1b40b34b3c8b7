%% This header includes another header itself.
-include("config.hrl").
-define(OUTER_VALUE, {outer, ?DEBUG_LEVEL}).
