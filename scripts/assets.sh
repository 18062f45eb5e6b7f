#!/usr/bin/env bash
# Installs the front-end assets (DSFR, Swagger UI) and the test tools (axe-core, the Nu HTML
# checker vnu-jar) pinned in package-lock.json, unless node_modules is already up to date. Install
# scripts are not run: none is needed (vnu-jar's would download a Java runtime; scripts/java.sh
# installs Debian's).
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.cohorte-stamp
if [ -f "$stamp" ] && [ "$stamp" -nt package-lock.json ] && [ -f node_modules/@gouvfr/dsfr/dist/dsfr.min.css ] && [ -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is required to fetch DSFR (install Node.js 20+)" >&2
  exit 1
fi
echo "== npm ci (DSFR, Swagger UI, axe-core, vnu-jar)"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
touch "$stamp"
