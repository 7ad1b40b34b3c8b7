%% A float loop: numerical integration of sin(x) * x with many small steps.
-module(float_loop).
-export([main/0]).

main() -> ember_bench:run(fun() -> integrate(0.0, 0.0, 1.0e-6, 3000000) end).

integrate(_, Acc, _, 0) -> round(Acc * 1000);
integrate(X, Acc, H, N) ->
    Y = X * X * 0.5 + X / (1.0 + X),
    integrate(X + H, Acc + Y * H, H, N - 1).
