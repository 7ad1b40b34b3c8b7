#!/usr/bin/env bash
# Installs what the tests need besides a Rust toolchain: Erlang/OTP (erl, erlc, epmd), the
# other side of the distribution tests. Does nothing when erl is already there.
set -euo pipefail
if ! command -v erl >/dev/null 2>&1 || ! command -v erlc >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update
    $SUDO apt-get install -y erlang-base
fi
