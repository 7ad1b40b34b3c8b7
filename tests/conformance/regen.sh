#!/usr/bin/env bash
# Regenerate golden outputs for the conformance programs using real Erlang/OTP.
#
# Usage (from the repository root):
#   tests/conformance/regen.sh                      # every program in tests/conformance/programs
#   tests/conformance/regen.sh lex_numbers op_arith # only the named programs
#   tests/conformance/regen.sh --dir tests/wishlist/programs [NAMES...]
#   tests/conformance/regen.sh --all                # both the conformance and wishlist folders
#
# The program directory may also be given with REGEN_DIR=... in the environment.
# For each program NAME.erl this writes NAME.expected (stdout). When the
# program ends in an uncaught exception (exit status 1) it also writes
# NAME.stderr; a stale NAME.stderr is removed when the program now succeeds.
# A program with a NAME.stdin file reads it as its standard input (others read
# /dev/null), as the test harness gives it to ember.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CONF="$ROOT/tests/conformance"
INCLUDE="$CONF/include"
DRIVER="$CONF/driver/ember_golden.erl"
TIMEOUT="${REGEN_TIMEOUT:-60}"

dirs=()
names=()
while [ $# -gt 0 ]; do
    case "$1" in
        --dir)
            [ $# -ge 2 ] || { echo "--dir needs an argument" >&2; exit 2; }
            dirs+=("$2"); shift 2 ;;
        --dir=*)
            dirs+=("${1#--dir=}"); shift ;;
        --all)
            dirs+=("tests/conformance/programs" "tests/wishlist/programs"); shift ;;
        -h|--help)
            sed -n '2,15p' "$0"; exit 0 ;;
        -*)
            echo "unknown option: $1" >&2; exit 2 ;;
        *)
            names+=("${1%.erl}"); shift ;;
    esac
done
if [ ${#dirs[@]} -eq 0 ]; then
    dirs=("${REGEN_DIR:-tests/conformance/programs}")
fi

if ! command -v erl >/dev/null 2>&1 || ! command -v erlc >/dev/null 2>&1; then
    echo "erl not found; installing Erlang/OTP" >&2
    apt-get update && apt-get install -y erlang-base erlang-eunit
fi

# Keep user-level emulator settings from changing the output.
unset ERL_FLAGS ERL_AFLAGS ERL_ZFLAGS ERL_LIBS

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

cp "$DRIVER" "$TMP/ember_golden.erl"
(cd "$TMP" && erlc ember_golden.erl)

failures=0
count=0
declare -A found=()
for d in "${dirs[@]}"; do
    case "$d" in
        /*) dir="$d" ;;
        *) dir="$ROOT/$d" ;;
    esac
    [ -d "$dir" ] || { echo "no such directory: $d" >&2; exit 2; }

    if [ ${#names[@]} -gt 0 ]; then
        progs=()
        for n in "${names[@]}"; do
            if [ -f "$dir/$n.erl" ]; then progs+=("$n"); found[$n]=1; fi
        done
    else
        progs=()
        for f in "$dir"/*.erl; do
            [ -e "$f" ] || continue
            progs+=("$(basename "$f" .erl)")
        done
    fi

    for name in "${progs[@]}"; do
        count=$((count + 1))
        work="$TMP/$name"
        mkdir -p "$work"
        # Compile from inside the work directory so that ?FILE and stack
        # locations carry only the bare file name.
        cp "$dir/$name.erl" "$work/$name.erl"
        if ! (cd "$work" && erlc -I "$INCLUDE" "$name.erl") >"$work/compile.log" 2>&1; then
            echo "COMPILE FAILED: $name" >&2
            cat "$work/compile.log" >&2
            failures=$((failures + 1))
            continue
        fi
        input=/dev/null
        if [ -f "$dir/$name.stdin" ]; then input="$dir/$name.stdin"; fi
        set +e
        (cd "$work" && timeout "$TIMEOUT" erl -noshell -pa "$TMP" -pa "$work" \
            -run ember_golden run "$name") >"$work/stdout" 2>"$work/stderr" <"$input"
        status=$?
        set -e
        case $status in
            0)
                cp "$work/stdout" "$dir/$name.expected"
                rm -f "$dir/$name.stderr"
                echo "ok     $name"
                ;;
            1)
                cp "$work/stdout" "$dir/$name.expected"
                cp "$work/stderr" "$dir/$name.stderr"
                echo "error  $name"
                ;;
            *)
                echo "FAILED $name (exit status $status)" >&2
                cat "$work/stderr" >&2
                failures=$((failures + 1))
                ;;
        esac
    done
done

for n in "${names[@]}"; do
    if [ -z "${found[$n]:-}" ]; then
        echo "NOT FOUND: $n" >&2
        failures=$((failures + 1))
    fi
done

echo "$count program(s) processed, $failures failure(s)"
[ $failures -eq 0 ]
