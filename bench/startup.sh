#!/usr/bin/env bash
# Wall time and peak RSS of the hello-world one-liner, jbpftrace against bpftrace (if installed).
# Usage: bench/startup.sh [runs]   (root; after `mvn -q install -DskipTests`)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
prog='BEGIN { printf("Hello eBPF!\n"); exit(); }'

measure() { # name command...
  local name=$1; shift
  local total=0 peak=0
  for _ in $(seq "$runs"); do
    local out
    out=$( { /usr/bin/time -f '%e %M' "$@" >/dev/null 2>/dev/null; } 2>&1 | tail -1)
    total=$(echo "$total + ${out% *}" | bc)
    local rss=${out#* }
    (( rss > peak )) && peak=$rss
  done
  printf '%-10s mean wall %.3f s over %d runs, peak RSS %d MiB\n' "$name" "$(echo "$total / $runs" | bc -l)" "$runs" $((peak / 1024))
}

[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
measure jbpftrace dist/target/jbpftrace/bin/jbpftrace -e "$prog"
if command -v bpftrace >/dev/null; then measure bpftrace bpftrace -e "$prog"; fi
