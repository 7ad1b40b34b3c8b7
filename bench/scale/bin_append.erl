%% A binary built by appending to it in a loop: 1,000,000 one-byte appends, then 200,000
%% appends of a few bytes and an integer.
-module(bin_append).
-export([main/0]).

main() -> ember_bench:run(fun() -> run() end).

run() ->
    A = bytes(1000000, <<>>),
    B = records(200000, <<>>),
    {byte_size(A), binary:last(A), byte_size(B), binary:first(B)}.

bytes(0, Acc) -> Acc;
bytes(N, Acc) -> bytes(N - 1, <<Acc/binary, (N band 255)>>).

records(0, Acc) -> Acc;
records(N, Acc) -> records(N - 1, <<Acc/binary, "rec", N:32, (N rem 7):8/little>>).
