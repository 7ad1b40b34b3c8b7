#!/usr/bin/env bash
# Regenerates tests/distribution/client.expected: the client's output when real erl runs
# both the partner node and the client node (installing Erlang if it is missing).
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v erl >/dev/null 2>&1; then
    apt-get update >&2 && apt-get install -y erlang-base >&2
fi
TMP="$(mktemp -d)"
trap 'kill "$PARTNER" 2>/dev/null || true; rm -rf "$TMP"' EXIT
erlc -o "$TMP" "$DIR/partner.erl" "$DIR/client.erl"
epmd -daemon
HOST="$(hostname -s)"
NAME="regen_partner_$$"
erl -sname "$NAME" -setcookie regen -noshell -pa "$TMP" -eval 'partner:main()' >"$TMP/partner.out" &
PARTNER=$!
until grep -q '^ready$' "$TMP/partner.out"; do sleep 0.1; done
erl -sname "regen_client_$$" -setcookie regen -noshell -pa "$TMP" \
    -eval "client:main([\"$NAME@$HOST\"]), halt()." > "$DIR/client.expected"
echo "wrote $DIR/client.expected"
