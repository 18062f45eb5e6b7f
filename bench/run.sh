#!/usr/bin/env bash
# Serves /challenges and one challenge page under load (wrk, 64 connections, loopback) and, in the
# same run, nginx serving saved copies of the same HTML. Prints throughput, p99 and the ratio to
# nginx for each page, Cohorte with its page cache (the default) and without it.
#
#   bash bench/run.sh                  # 3 rounds of 10 s per target (medians reported)
#   DURATION=20 ROUNDS=3 bash bench/run.sh
#
# Needs wrk and nginx (installed with apt when missing and running as root).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-64}
PAGE=${PAGE:-/challenges/adex}
out=bench/out
mkdir -p "$out"

need() { command -v "$1" >/dev/null 2>&1 || { [ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null; }; command -v "$1" >/dev/null 2>&1 || { echo "$1 is required" >&2; exit 1; }; }
need wrk wrk
need nginx nginx-light

bash scripts/assets.sh
echo "== cargo build --release"
cargo build --release --locked -p cohorte-cli --quiet
bin=target/release/cohorte

work=$(mktemp -d /tmp/cohorte-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

COHORTE_DATA_DIR=$work COHORTE_LOG=warn $bin import eig-opendata data/eig-opendata >/dev/null

start_cohorte() { # port, page_cache
  # Development mode: mail goes to a folder (production mode would require an SMTP relay).
  COHORTE_DATA_DIR=$work COHORTE_LOG=warn COHORTE_MODE=development COHORTE_PAGE_CACHE=$2 \
    $bin serve --addr "127.0.0.1:$1" 2>>"$work/cohorte.log" &
  pids+=($!)
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && return 0; sleep 0.1; done
  echo "cohorte did not start:" >&2; cat "$work/cohorte.log" >&2; exit 1
}
start_cohorte 18080 true
cached_pid=${pids[-1]}
start_cohorte 18081 false
uncached_pid=${pids[-1]}

# nginx serves byte-for-byte copies of the same pages.
mkdir -p "$work/www" "$work/nginx"
curl -sf "http://127.0.0.1:18080/challenges" -o "$work/www/list.html"
curl -sf "http://127.0.0.1:18080$PAGE" -o "$work/www/detail.html"
chmod 755 "$work" "$work/www" && chmod 644 "$work/www/"*.html   # nginx workers run unprivileged
cat >"$work/nginx/nginx.conf" <<NGINX
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  default_type text/html;
  server {
    listen 127.0.0.1:18089;
    root $work/www;
  }
}
NGINX
nginx -c "$work/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
for _ in $(seq 50); do curl -sf http://127.0.0.1:18089/list.html >/dev/null && break; sleep 0.1; done
# A plain configuration too: nginx's defaults (one worker, access log on, no sendfile).
cat >"$work/nginx/plain.conf" <<NGINX
pid $work/nginx/plain.pid;
error_log $work/nginx/plain-error.log warn;
events {}
http {
  access_log $work/nginx/plain-access.log;
  default_type text/html;
  server {
    listen 127.0.0.1:18090;
    root $work/www;
  }
}
NGINX
nginx -c "$work/nginx/plain.conf" -g 'daemon off;' &
pids+=($!)
for _ in $(seq 50); do curl -sf http://127.0.0.1:18090/list.html >/dev/null && break; sleep 0.1; done
cmp -s <(curl -sf http://127.0.0.1:18089/list.html) "$work/www/list.html" || { echo "nginx does not serve the saved page" >&2; cat "$work/nginx/error.log" >&2; exit 1; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

# run NAME URL [PID]: one wrk run; appends "name rps p99_ms cpu_us_per_req" to $work/runs
run() {
  local name=$1 url=$2 pid=${3:-} before after
  [ -n "$pid" ] && before=$(cpu_ticks "$pid")
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency "$url" >"$work/wrk.txt"
  [ -n "$pid" ] && after=$(cpu_ticks "$pid")
  local rps p99 reqs cpu="-"
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}' "$work/wrk.txt")
  reqs=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
  if grep -q "Non-2xx" "$work/wrk.txt"; then echo "non-2xx answers for $url" >&2; cat "$work/wrk.txt" >&2; exit 1; fi
  if [ -n "$pid" ]; then cpu=$(awk -v a="$before" -v b="$after" -v hz="$hz" -v n="$reqs" 'BEGIN {printf "%.1f", (b - a) / hz * 1e6 / n}'); fi
  echo "$name $rps $p99 $cpu" >>"$work/runs"
  printf '  %-26s %10s req/s   p99 %8s ms   cpu/req %6s us\n' "$name" "$rps" "$p99" "$cpu"
}

echo "== load: wrk -t2 -c$CONNECTIONS -d${DURATION}s, $ROUNDS round(s), loopback, $(nproc) cores"
for r in $(seq "$ROUNDS"); do
  echo "round $r"
  run nginx-list http://127.0.0.1:18089/list.html
  run nginx-plain-list http://127.0.0.1:18090/list.html
  run cohorte-list http://127.0.0.1:18080/challenges "$cached_pid"
  run cohorte-list-uncached http://127.0.0.1:18081/challenges "$uncached_pid"
  run nginx-detail http://127.0.0.1:18089/detail.html
  run nginx-plain-detail http://127.0.0.1:18090/detail.html
  run cohorte-detail "http://127.0.0.1:18080$PAGE" "$cached_pid"
  run cohorte-detail-uncached "http://127.0.0.1:18081$PAGE" "$uncached_pid"
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) exit; if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
med() { awk -v n="$1" -v f="$2" '$1 == n {print $f}' "$work/runs" | median; }
rss=$(awk '/VmRSS/ {print $2}' "/proc/$cached_pid/status")
{
  echo "Cohorte vs nginx — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk -t2 -c$CONNECTIONS -d${DURATION}s, median of $ROUNDS round(s)"
  echo "pages: /challenges ($(wc -c <"$work/www/list.html") bytes), $PAGE ($(wc -c <"$work/www/detail.html") bytes), SQLite demo data"
  echo "ratios: to the bench/ nginx (tuned), to nginx with its defaults (plain), and to the better of the two"
  printf '%-24s %12s %10s %12s %8s %8s %8s\n' target "req/s" "p99 ms" "cpu us/req" "tuned" "plain" "best"
  for page in list detail; do
    tuned=$(med "nginx-$page" 2); plain=$(med "nginx-plain-$page" 2)
    best=$(awk -v a="$tuned" -v b="$plain" 'BEGIN {print (a > b) ? a : b}')
    for t in "nginx-$page" "nginx-plain-$page" "cohorte-$page" "cohorte-$page-uncached"; do
      rps=$(med "$t" 2); p99=$(med "$t" 3)
      cpu=$(awk -v n="$t" '$1 == n && $4 != "-" {print $4}' "$work/runs" | median)
      r() { awk -v a="$rps" -v b="$1" 'BEGIN {printf "%.2f", a / b}'; }
      printf '%-24s %12s %10s %12s %8s %8s %8s\n' "$t" "$rps" "$p99" "${cpu:--}" "$(r "$tuned")" "$(r "$plain")" "$(r "$best")"
    done
  done
  echo "cohorte (page cache) RSS after the runs: $((rss / 1024)) MiB"
} | tee "$out/results.txt"
