%% zlib: the checksum calls that take a stream (deprecated in OTP, kept for old code), on
%% erlang's checksums. The compression calls are built-ins (vm/src/bif/zlib.rs).
-module(zlib).

-export([crc32/1, crc32/2, crc32/3, adler32/2, adler32/3, crc32_combine/4,
         adler32_combine/4]).

%% The checksum of what the stream has seen is not kept: 0, as for a new stream.
crc32(Z) when is_reference(Z) -> 0.

crc32(Z, Data) when is_reference(Z) -> erlang:crc32(Data).

crc32(Z, Prev, Data) when is_reference(Z) -> erlang:crc32(Prev, Data).

adler32(Z, Data) when is_reference(Z) -> erlang:adler32(Data).

adler32(Z, Prev, Data) when is_reference(Z) -> erlang:adler32(Prev, Data).

crc32_combine(Z, Crc1, Crc2, Size2) when is_reference(Z) ->
    erlang:crc32_combine(Crc1, Crc2, Size2).

adler32_combine(Z, Adler1, Adler2, Size2) when is_reference(Z) ->
    erlang:adler32_combine(Adler1, Adler2, Size2).
