#!/usr/bin/env bash
# Debian packages the tests need: a PostgreSQL server for the database tests, Redis for the two-host
# tests, Chromium for the browser tests. Installed only when missing; needs root (as on CI and the dev machines).
set -euo pipefail
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v redis-server >/dev/null || need+=(redis-server)  # shared rate limits in the two-host tests
# Thai and Persian glyphs in screenshots; Debian's default fonts lack them.
[ -d /usr/share/fonts/truetype/tlwg ] || need+=(fonts-thai-tlwg)
[ -e /usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf ] || need+=(fonts-noto-core)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing Debian packages: ${need[*]} (run as root or install them)" >&2
    exit 1
  fi
  echo "installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || true
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
