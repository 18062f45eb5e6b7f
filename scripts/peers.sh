#!/usr/bin/env bash
# Installs the real peers the tests talk to: a certified OpenID Provider (node-oidc-provider, npm),
# an SMTP server (aiosmtpd), an independent TOTP implementation (pyotp) and an OpenAPI validator
# (openapi-spec-validator), from PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f tests/peers/oidc/node_modules/.cohorte-stamp ] || [ tests/peers/oidc/package-lock.json -nt tests/peers/oidc/node_modules/.cohorte-stamp ]; then
  echo "== npm ci (test OpenID Provider)"
  npm ci --prefix tests/peers/oidc --no-audit --no-fund --loglevel=error
  touch tests/peers/oidc/node_modules/.cohorte-stamp
fi
if [ ! -x tests/peers/.venv/bin/python ] || [ tests/peers/requirements.txt -nt tests/peers/.venv/.cohorte-stamp ]; then
  echo "== pip install (test SMTP server, TOTP cross-check, OpenAPI validator)"
  python3 -m venv tests/peers/.venv
  tests/peers/.venv/bin/pip install -q --disable-pip-version-check -r tests/peers/requirements.txt
  touch tests/peers/.venv/.cohorte-stamp
fi
