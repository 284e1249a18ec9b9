#!/usr/bin/env bash
# Install a headless-capable Chromium for the browser tests (pytest -m browser).
# Idempotent: does nothing when a Chromium binary is already on PATH.
# Non-interactive and quiet; needs root (or sudo) on a Debian/Ubuntu image.
set -euo pipefail

for name in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$name" >/dev/null 2>&1; then
        echo "install-browser: found $(command -v "$name")"
        exit 0
    fi
done

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "install-browser: need root or sudo to apt-get install chromium" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "install-browser: installed $(command -v chromium)"
