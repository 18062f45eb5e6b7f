#!/usr/bin/env bash
# The whole test suite, as CI runs it: lints, the pure-domain check, then every test on SQLite
# and PostgreSQL with real Chromium and real peers (OpenID Provider, SMTP server, pyotp, an OpenAPI
# validator), then the Nu HTML checker over every page the tests received. Installs what it needs
# (npm assets, chromium, a JRE, the peers, a PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

bash scripts/java.sh
bash scripts/assets.sh
bash scripts/browser.sh
bash scripts/peers.sh
bash scripts/nextest.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
TEST_DATABASE_URL=$(bash scripts/postgres.sh)
export TEST_DATABASE_URL
html_pages=$(mktemp -d)
trap 'bash scripts/postgres.sh stop; rm -rf "$html_pages"' EXIT
echo "== PostgreSQL for tests: $TEST_DATABASE_URL"

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== no secrets in the repository"
bash scripts/secret-scan.sh

echo "== the domain crate stays pure"
forbidden=$(cargo tree -p cohorte-domain -e normal --prefix none --locked | grep -E '^(sqlx|axum|tokio|reqwest|hyper) ' || true)
if [ -n "$forbidden" ]; then
  echo "cohorte-domain depends on I/O crates:" >&2
  echo "$forbidden" >&2
  exit 1
fi

echo "== cargo doc -D warnings"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked --quiet

echo "== cargo nextest (SQLite + PostgreSQL, Chromium)"
# Every HTML answer a test receives is kept in $html_pages (crates/test-support/src/vnu.rs).
COHORTE_HTML_DUMP="$html_pages" REQUIRE_POSTGRES=1 REQUIRE_BROWSER=1 REQUIRE_PEERS=1 \
  cargo nextest run --workspace --locked --profile ci

echo "== Nu HTML checker over every page the tests received"
bash scripts/html-check.sh "$html_pages"
