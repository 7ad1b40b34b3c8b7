#!/usr/bin/env bash
# Process benchmarks, each on ember and on real erl in the same invocation: time, the ratio
# (ember / erl), and for idle processes the resident memory per process read from outside
# (/proc/PID/status while the processes exist, minus the VM's resident size with one).
#
# The timed benchmarks run BENCH_RUNS times (default 3) on each VM; the fastest run counts.
#
# Usage: bench/run_proc.sh            (installs erl if needed; builds ember in release mode)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v erl >/dev/null 2>&1; then
    apt-get update >&2 && apt-get install -y erlang-base erlang-eunit >&2
fi
(cd "$ROOT" && cargo build --release --quiet)
EMBER="$ROOT/target/release/ember"
DIR="$ROOT/bench/proc"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
# The harness module, bench/ember_bench.erl, is shared by every suite.
(cd "$TMP" && erlc "$DIR"/*.erl "$ROOT/bench/ember_bench.erl")
ERL=(erl +P 16000000 -noshell)

printf '%-14s %12s %12s %8s\n' benchmark "ember (ms)" "erl (ms)" "erl/ember"
RUNS="${BENCH_RUNS:-3}"
for n in ring big_ring ping_pong spawn_churn fan_in; do
    eu=""
    ru=""
    for _ in $(seq "$RUNS"); do
        e="$("$EMBER" --pa "$ROOT/bench" run "$DIR/$n.erl")"
        r="$(cd "$TMP" && "${ERL[@]}" -s "$n" main -s init stop)"
        eu="$(awk -v best="$eu" '/^time_us/ {print (best == "" || $2 < best) ? $2 : best}' <<<"$e")"
        ru="$(awk -v best="$ru" '/^time_us/ {print (best == "" || $2 < best) ? $2 : best}' <<<"$r")"
    done
    printf '%-14s %12.1f %12.1f %8.2f\n' "$n" "$(awk -v a="$eu" 'BEGIN{print a/1000}')" "$(awk -v a="$ru" 'BEGIN{print a/1000}')" "$(awk -v a="$eu" -v b="$ru" 'BEGIN{print b/a}')"
done

# Resident memory of a VM while N idle processes exist: start it, wait for "ready", read
# VmRSS of the process, and report time and bytes per process above a 1-process baseline.
rss_of() { # command... ; prints "time_us rss_kb" (nothing if the VM ended before "ready")
    # A fresh file for each run: with one shared file, the wait below could read the
    # previous run's "ready" before the new VM truncated it.
    local out pid
    out="$(mktemp "$TMP/out.XXXXXX")"
    "$@" >"$out" 2>/dev/null &
    pid=$!
    while ! grep -q '^ready' "$out" 2>/dev/null; do
        if ! kill -0 "$pid" 2>/dev/null; then
            grep -q '^ready' "$out" 2>/dev/null || { echo "run failed: $*" >&2; return; }
        fi
        sleep 0.05
    done
    local kb
    kb="$(awk '/^VmRSS/ {print $2}' /proc/$pid/status)"
    echo "$(awk '/^time_us/ {print $2}' "$out") $kb"
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
printf '\n%-22s %12s %14s %10s\n' "idle processes" "spawn (ms)" "bytes/process" "rate (k/s)"
e_base="$(rss_of "$EMBER" --pa "$ROOT/bench" run "$DIR/spawn_idle.erl" 1 | awk '{print $2}')"
r_base="$(cd "$TMP" && rss_of "${ERL[@]}" -run spawn_idle main 1 | awk '{print $2}')"
# Up to 1M processes each VM runs 3 times, keeping the fastest time and the smallest
# memory (a first run can wait on the kernel for fresh pages); 10M runs once.
best_of() { # runs command... ; prints "best_time_us least_rss_kb"
    local runs="$1" t k bt="" bk="" i
    shift
    for ((i = 0; i < runs; i++)); do
        t="" k=""
        read -r t k < <("$@") || true
        # A run whose figures cannot be read does not count.
        [[ "$t" =~ ^[0-9]+$ && "$k" =~ ^[0-9]+$ && "$t" -gt 0 ]] || continue
        bt="$(awk -v a="$t" -v b="$bt" 'BEGIN{print (b == "" || a < b) ? a : b}')"
        bk="$(awk -v a="$k" -v b="$bk" 'BEGIN{print (b == "" || a < b) ? a : b}')"
    done
    echo "$bt $bk"
}
erl_idle() { (cd "$TMP" && rss_of "${ERL[@]}" -run spawn_idle main "$1"); }
for n in 100000 1000000 10000000; do
    runs=3
    [ "$n" -le 1000000 ] || runs=1
    read -r et ek < <(best_of "$runs" rss_of "$EMBER" --pa "$ROOT/bench" run "$DIR/spawn_idle.erl" "$n")
    printf '%-22s %12.1f %14.0f %10.0f\n' "ember $n" "$(awk -v a="$et" 'BEGIN{print a/1000}')" \
        "$(awk -v k="$ek" -v b="$e_base" -v n="$n" 'BEGIN{print (k-b)*1024/n}')" "$(awk -v n="$n" -v t="$et" 'BEGIN{print n/(t/1e6)/1000}')"
    if [ "$n" -le 1000000 ]; then
        read -r rt rk < <(best_of "$runs" erl_idle "$n")
        printf '%-22s %12.1f %14.0f %10.0f\n' "erl $n" "$(awk -v a="$rt" 'BEGIN{print a/1000}')" \
            "$(awk -v k="$rk" -v b="$r_base" -v n="$n" 'BEGIN{print (k-b)*1024/n}')" "$(awk -v n="$n" -v t="$rt" 'BEGIN{print n/(t/1e6)/1000}')"
    fi
done
echo "(erl is not run with 10M idle processes: at its default heap size they need more memory than this machine has)"
