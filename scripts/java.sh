#!/usr/bin/env bash
# Makes sure a Java runtime is installed (Debian's default-jre-headless): the Nu HTML checker
# (vnu.jar, from the npm package vnu-jar) runs on it.
set -euo pipefail
if command -v java >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "java is missing; run as root or: sudo apt-get install -y default-jre-headless" >&2
  exit 1
fi
echo "== apt-get install default-jre-headless"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q default-jre-headless >/dev/null
