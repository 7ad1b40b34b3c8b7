#!/usr/bin/env bash
# Regenerate tests/eunit_projects/*/expected.txt with real Erlang/OTP.
#
# Usage (from anywhere):
#   tests/eunit_projects/regen.sh             # every project
#   tests/eunit_projects/regen.sh failing     # only the named projects
#
# Each project has its modules in src/ and their tests in test/. They are compiled from
# the project's directory (so file names read src/x.erl and test/x_tests.erl) with
# `erlc +brief`. When a module does not compile, expected.txt holds the compiler's
# messages. Otherwise it holds what eunit:test(Modules) prints, where Modules are the
# src/ modules in name order, then the test/ modules in name order, leaving out
# Name_tests when Name is there too (its tests run with Name's): the order and
# selection of eunit:run_for_ember/1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if ! command -v erl >/dev/null 2>&1 || ! command -v erlc >/dev/null 2>&1 \
    || [ -z "$(erl -noshell -eval 'io:format("~s", [filename:join(code:lib_dir(eunit), "include/eunit.hrl")]), halt().' 2>/dev/null | xargs -r ls 2>/dev/null)" ]; then
    echo "erl or the EUnit header not found; installing Erlang/OTP" >&2
    apt-get update && apt-get install -y erlang-base erlang-eunit erlang-dev
fi

# Keep user-level emulator settings from changing the output.
unset ERL_FLAGS ERL_AFLAGS ERL_ZFLAGS ERL_LIBS

if [ $# -gt 0 ]; then
    projects=("$@")
else
    projects=()
    for d in "$ROOT"/*/; do
        projects+=("$(basename "$d")")
    done
fi

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

for name in "${projects[@]}"; do
    dir="$ROOT/$name"
    [ -d "$dir/src" ] || [ -d "$dir/test" ] || { echo "no such project: $name" >&2; exit 2; }
    out="$TMP/$name"
    mkdir -p "$out"
    files=()
    mods=()
    for sub in src test; do
        for f in $(cd "$dir" && ls "$sub"/*.erl 2>/dev/null | LC_ALL=C sort); do
            files+=("$f")
            mods+=("$(basename "$f" .erl)")
        done
    done
    # Leave out Name_tests when Name is there too.
    list=()
    for m in "${mods[@]}"; do
        base="${m%_tests}"
        skip=0
        if [ "$base" != "$m" ]; then
            for o in "${mods[@]}"; do
                [ "$o" = "$base" ] && skip=1
            done
        fi
        [ $skip -eq 1 ] || list+=("$m")
    done
    modlist="$(IFS=,; echo "${list[*]}")"
    if (cd "$dir" && erlc +brief -o "$out" "${files[@]}") >"$out/compile.log" 2>&1; then
        (cd "$dir" && erl -noshell -pa "$out" \
            -eval "eunit:test([$modlist]), halt()." </dev/null) >"$dir/expected.txt"
        echo "tested    $name: [$modlist]"
    else
        cp "$out/compile.log" "$dir/expected.txt"
        echo "no build  $name"
    fi
done
