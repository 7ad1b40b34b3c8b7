#!/usr/bin/env bash
# Regenerates the .expected files of tests/reports: what erl's logger prints for each
# program (on standard output in erl; ember prints it on standard error), with the time
# in each report header replaced by T. Installs Erlang if it is missing.
#
# Usage: tests/reports/regen.sh [NAMES...]   (every program without names)
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v erl >/dev/null 2>&1; then
    apt-get update >&2 && apt-get install -y erlang-base >&2
fi
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
    for f in "$DIR"/*.erl; do names+=("$(basename "$f" .erl)"); done
fi
for n in "${names[@]}"; do
    erlc -o "$TMP" "$DIR/$n.erl"
    # The logger prints in a process of its own: the short pause lets it finish.
    (cd "$TMP" && erl -noshell -eval "$n:main(), timer:sleep(200), halt().") \
        | sed -E 's/^(=[A-Z ]+ REPORT====) .* ===$/\1 T ===/' > "$DIR/$n.expected"
    echo "wrote $DIR/$n.expected"
done
