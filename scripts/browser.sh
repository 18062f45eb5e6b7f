#!/usr/bin/env bash
# Makes sure Debian's chromium and chromedriver are installed (browser tests need them).
set -euo pipefail
if command -v chromedriver >/dev/null 2>&1 && command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "chromium and chromium-driver are missing; run as root or: sudo apt-get install -y chromium chromium-driver" >&2
  exit 1
fi
echo "== apt-get install chromium chromium-driver"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q chromium chromium-driver >/dev/null
