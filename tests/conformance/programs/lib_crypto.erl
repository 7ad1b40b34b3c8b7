%% crypto: digests, HMAC, incremental hashing, random bytes, hash_equals, and erl's errors.
-module(lib_crypto).
-export([main/0]).
p(L, X) -> io:format("~s: ~p~n", [L, try X() catch C:R -> {C, R} end]).
main() ->
    [p(atom_to_list(T), fun() -> crypto:hash(T, "abc") end) || T <- [md5, sha, sha224, sha256, sha384, sha512]],
    p("empty", fun() -> crypto:hash(sha256, <<>>) end),
    p("iolist", fun() -> crypto:hash(md5, ["a", <<"b">>, $c]) end),
    p("bad type", fun() -> crypto:hash(sha999, "abc") end),
    p("bad data", fun() -> crypto:hash(sha, abc) end),
    [p("hmac " ++ atom_to_list(T), fun() -> crypto:mac(hmac, T, "key", "The quick brown fox jumps over the lazy dog") end) || T <- [md5, sha, sha256, sha512]],
    p("hmac long key", fun() -> crypto:mac(hmac, sha256, binary:copy(<<"k">>, 200), "data") end),
    p("hmac bad digest", fun() -> crypto:mac(hmac, nope, "key", "x") end),
    p("mac bad kind", fun() -> crypto:mac(foo, sha, "k", "d") end),
    p("macN", fun() -> crypto:macN(hmac, sha, <<"k">>, <<"d">>, 5) end),
    p("incremental", fun() -> S = crypto:hash_init(sha), S2 = crypto:hash_update(S, "ab"), S3 = crypto:hash_update(S2, "c"), crypto:hash_final(S3) =:= crypto:hash(sha, "abc") end),
    p("old state", fun() -> S = crypto:hash_init(sha), S2 = crypto:hash_update(S, "ab"), _ = crypto:hash_update(S2, "c"), crypto:hash_final(S2) =:= crypto:hash(sha, "ab") end),
    p("hash_init bad", fun() -> crypto:hash_init(bad) end),
    p("hash_update bad", fun() -> crypto:hash_update(bad, "d") end),
    p("strong_rand_bytes", fun() -> B = crypto:strong_rand_bytes(16), {byte_size(B), B =/= crypto:strong_rand_bytes(16)} end),
    p("hash_equals", fun() -> {crypto:hash_equals(<<1, 2>>, <<1, 2>>), crypto:hash_equals(<<1, 2>>, <<1, 3>>)} end),
    p("hash_equals lengths", fun() -> crypto:hash_equals(<<1, 2>>, <<1>>) end),
    p("start", fun() -> crypto:start() end).
