#!/usr/bin/env bash
# Regenerates the expected diagnostics of tests/diagnostics/*.erl with real erlc: the error
# lines (file:line:col: message) erlc prints, without warnings or source excerpts.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v erlc >/dev/null 2>&1; then
    apt-get update && apt-get install -y erlang-base
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for f in *.erl; do
    erlc -o "$tmp" "$f" 2>&1 | grep -E '^[a-z_0-9]+\.erl:[0-9]+:[0-9]+: ' | grep -v 'Warning:' > "${f%.erl}.expected" || true
done
