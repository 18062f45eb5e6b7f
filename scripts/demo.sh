#!/usr/bin/env bash
# Runs Cohorte with the demo: embedded SQLite in var/, the EIG open data loaded on first start.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/assets.sh
exec cargo run --locked -p cohorte-cli --bin cohorte -- serve --demo "$@"
