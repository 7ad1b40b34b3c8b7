#!/usr/bin/env bash
# Regenerates the golden output of the blocking-I/O program with real Erlang/OTP: makes a
# FIFO in a temporary directory and passes its path to fifo:main/1, as the test does.
#
# Usage (from anywhere): tests/blocking/regen.sh
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
mkfifo "$TMP/pipe"
(cd "$TMP" && erlc "$DIR/fifo.erl")
timeout 60 erl -noshell -pa "$TMP" -run fifo main "$TMP/pipe" -s init stop > "$DIR/fifo.expected"
cat "$DIR/fifo.expected"
