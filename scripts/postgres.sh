#!/usr/bin/env bash
# Prints a TEST_DATABASE_URL for a PostgreSQL server: the one answering on 127.0.0.1:5432, or a
# throwaway cluster started here (trust auth, port 54329, data in a temporary folder; stopped by
# `scripts/postgres.sh stop`). Progress goes to stderr, the URL to stdout.
set -euo pipefail
state=/tmp/cohorte-test-pg
if [ "${1:-}" = stop ]; then
  if [ -f "$state/dir" ]; then
    d=$(cat "$state/dir")
    runuser -u postgres -- "$(cat "$state/bindir")/pg_ctl" -D "$d/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$d" "$state"
  fi
  exit 0
fi
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  echo "postgres://postgres@127.0.0.1:5432/postgres"
  exit 0
fi
if pg_isready -q -h 127.0.0.1 -p 54329 2>/dev/null; then
  echo "postgres://postgres@127.0.0.1:54329/postgres"
  exit 0
fi
echo "== no PostgreSQL on 127.0.0.1:5432: starting a throwaway cluster on 54329" >&2
bindir=$(pg_config --bindir 2>/dev/null || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "== apt-get install postgresql" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
    bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  else
    echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2
    exit 1
  fi
fi
d=$(mktemp -d /tmp/cohorte-pg.XXXXXX)
chown postgres: "$d" 2>/dev/null || true
runuser -u postgres -- "$bindir/initdb" -D "$d/data" --auth=trust -U postgres >/dev/null
runuser -u postgres -- "$bindir/pg_ctl" -D "$d/data" -l "$d/pg.log" -w \
  -o "-p 54329 -k $d -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
mkdir -p "$state"
echo "$d" >"$state/dir"
echo "$bindir" >"$state/bindir"
echo "postgres://postgres@127.0.0.1:54329/postgres"
