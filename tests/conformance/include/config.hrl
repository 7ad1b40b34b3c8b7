-ifndef(CONFIG_HRL).
-define(CONFIG_HRL, true).

-define(APP_NAME, "ember_test").
-define(VERSION, {1, 4, 2}).
-define(DEBUG_LEVEL, 2).
-define(LOG(Level, Msg), log_line(Level, Msg)).

-record(settings, {name = ?APP_NAME, verbose = false, retries = 3, tags = []}).

-endif.
