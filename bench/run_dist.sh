#!/usr/bin/env bash
# Distribution benchmarks: a client node and an echo node on this machine, once with erl on
# both sides and once with ember on both, in the same invocation. Prints the time of 100k
# round trips of a small message and of a stream of 1M messages one way, and the ratio
# (erl time / ember time: above 1 means ember is faster).
#
# Each pairing runs BENCH_RUNS times (default 3); the fastest run counts.
#
# Usage: bench/run_dist.sh            (installs erl if needed; builds ember in release mode)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v erl >/dev/null 2>&1; then
    apt-get update >&2 && apt-get install -y erlang-base >&2
fi
(cd "$ROOT" && cargo build --release --quiet)
EMBER="$ROOT/target/release/ember"
DIR="$ROOT/bench/dist"
TMP="$(mktemp -d)"
PARTNER=""
trap '[ -n "$PARTNER" ] && kill "$PARTNER" 2>/dev/null; rm -rf "$TMP"' EXIT
(cd "$TMP" && erlc "$DIR"/*.erl)
epmd -daemon
HOST="$(hostname -s)"
COOKIE=ember_bench

# run VM TAG: one client run against a fresh echo node, both on VM; prints the client output.
run() {
    local vm="$1" tag="$2" echo_name="bench_echo_$$_$2" out="$TMP/echo.$2"
    if [ "$vm" = ember ]; then
        "$EMBER" --sname "$echo_name" --cookie "$COOKIE" run "$DIR/dist_echo.erl" >"$out" &
    else
        erl -sname "$echo_name" -setcookie "$COOKIE" -noshell -pa "$TMP" -eval 'dist_echo:main(), halt().' >"$out" &
    fi
    PARTNER=$!
    until grep -q '^ready' "$out" 2>/dev/null; do sleep 0.05; done
    if [ "$vm" = ember ]; then
        "$EMBER" --sname "bench_client_$$_$tag" --cookie "$COOKIE" run "$DIR/dist_client.erl" "$echo_name@$HOST"
    else
        erl -sname "bench_client_$$_$tag" -setcookie "$COOKIE" -noshell -pa "$TMP" \
            -eval "dist_client:main([\"$echo_name@$HOST\"]), halt()."
    fi
    wait "$PARTNER" 2>/dev/null || true
    PARTNER=""
}

best() { # KEY OUTPUT... : the smallest value of KEY
    local key="$1"; shift
    printf '%s\n' "$@" | awk -v k="$key" '$1 == k {if (b == "" || $2 < b) b = $2} END {print b}'
}

RUNS="${BENCH_RUNS:-3}"
e_out=()
r_out=()
for i in $(seq "$RUNS"); do
    e_out+=("$(run ember "e$i")")
    r_out+=("$(run erl "r$i")")
done
printf '%-22s %14s %14s %10s\n' benchmark "ember (ms)" "erl (ms)" "erl/ember"
for key in round_trip_us stream_us; do
    e="$(best "$key" "${e_out[@]}")"
    r="$(best "$key" "${r_out[@]}")"
    name="${key%_us}"
    [ "$name" = round_trip ] && name="100k round trips" || name="1M messages one way"
    printf '%-22s %14.1f %14.1f %10.2f\n' "$name" "$(awk -v a="$e" 'BEGIN{print a/1000}')" \
        "$(awk -v a="$r" 'BEGIN{print a/1000}')" "$(awk -v a="$e" -v b="$r" 'BEGIN{print b/a}')"
done
