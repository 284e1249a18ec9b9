#!/usr/bin/env bash
# Installs Debian's redis-server for the Redis index tests (they start their own server on
# 127.0.0.1 and a free port), unless it is already there.
set -euo pipefail
command -v redis-server >/dev/null && exit 0
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends redis-server >/dev/null
command -v redis-server >/dev/null
