#!/usr/bin/env bash
# AUTH-11: no private key, cloud key or hard-coded credential in the tracked files. Test code and
# fixtures (crates/*/tests, tests/peers) may hold test-only values; the demo TOTP secret is public
# on purpose (README). Exits 1 and prints the lines when something is found.
set -euo pipefail
cd "$(dirname "$0")/.."
pattern='-----BEGIN [A-Z ]*PRIVATE KEY-----|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}|xox[baprs]-[A-Za-z0-9-]{10,}|(password|passwd|secret|api_key|apikey)[_a-z]*"?[[:space:]]*[:=][[:space:]]*"[^"$ {]{8,}"|postgres(ql)?://[^:/@ ]+:[^@* ]{6,}@'
found=$(git ls-files -z \
  | grep -zvE '^(data/|crates/[^/]+/tests/|tests/peers/|node_modules/)|package-lock\.json$' \
  | xargs -0 grep -nIE -- "$pattern" 2>/dev/null \
  | grep -vE 'CHANGE-ME|://[a-z]+:(password|secret|pass|s3cret)@' || true)
if [ -n "$found" ]; then
  echo "possible secrets in the repository:" >&2
  echo "$found" >&2
  exit 1
fi
echo "no secrets found in tracked files"
