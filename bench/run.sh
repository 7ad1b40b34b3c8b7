#!/usr/bin/env bash
# Times each benchmark program on ember and on real erl in the same invocation and prints
# both times and their ratio (ember / erl; below 1 means ember is faster), then the
# geometric mean. Times are measured inside each VM (start-up is not counted).
#
# Each program runs BENCH_RUNS times (default 3) on each VM and the fastest run counts: the
# machines are noisy, and the minimum is the figure least disturbed by other work.
#
# Usage: bench/run.sh [seq|otp] [NAMES...]  (from anywhere; builds ember in release mode)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
suite="${1:-seq}"
shift || true
if ! command -v erl >/dev/null 2>&1; then
    echo "erl not found; installing Erlang/OTP" >&2
    apt-get update >&2 && apt-get install -y erlang-base erlang-eunit >&2
fi
(cd "$ROOT" && cargo build --release --quiet)
EMBER="$ROOT/target/release/ember"
DIR="$ROOT/bench/$suite"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
# The harness module, bench/ember_bench.erl, is shared by every suite.
(cd "$TMP" && erlc "$DIR"/*.erl "$ROOT/bench/ember_bench.erl")

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
    for f in "$DIR"/*.erl; do
        names+=("$(basename "$f" .erl)")
    done
fi

printf '%-14s %12s %12s %8s\n' benchmark "ember (ms)" "erl (ms)" ratio
logsum=0
count=0
worst=0
RUNS="${BENCH_RUNS:-3}"
for n in "${names[@]}"; do
    e_us=""
    r_us=""
    for _ in $(seq "$RUNS"); do
        # Reports on stderr (the supervisor benchmark's crashes) are not shown; a run that
        # fails shows up as a missing or different result line.
        e_out="$("$EMBER" --pa "$ROOT/bench" run "$DIR/$n.erl" 2>/dev/null)"
        r_out="$(cd "$TMP" && erl -noshell -s "$n" main -s init stop 2>/dev/null)"
        e_res="$(grep '^result' <<<"$e_out")"
        r_res="$(grep '^result' <<<"$r_out")"
        if [ "$e_res" != "$r_res" ]; then
            echo "$n: results differ: ember '$e_res', erl '$r_res'" >&2
            exit 1
        fi
        e_us="$(awk -v best="$e_us" '/^time_us/ {print (best == "" || $2 < best) ? $2 : best}' <<<"$e_out")"
        r_us="$(awk -v best="$r_us" '/^time_us/ {print (best == "" || $2 < best) ? $2 : best}' <<<"$r_out")"
    done
    ratio="$(awk -v a="$e_us" -v b="$r_us" 'BEGIN { printf "%.2f", a / (b > 0 ? b : 1) }')"
    printf '%-14s %12.1f %12.1f %8s\n' "$n" "$(awk -v a="$e_us" 'BEGIN{print a/1000}')" "$(awk -v a="$r_us" 'BEGIN{print a/1000}')" "$ratio"
    logsum="$(awk -v s="$logsum" -v r="$ratio" 'BEGIN { print s + log(r) }')"
    worst="$(awk -v w="$worst" -v r="$ratio" 'BEGIN { print (r > w ? r : w) }')"
    count=$((count + 1))
done
geo="$(awk -v s="$logsum" -v c="$count" 'BEGIN { printf "%.2f", exp(s / c) }')"
echo "geometric mean ember/erl: $geo (worst $worst)"
