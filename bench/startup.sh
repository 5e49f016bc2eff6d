#!/usr/bin/env bash
# Wall time, CPU time (user+sys) and peak RSS of the hello-world one-liner and of a tracepoint
# one-liner, jbpftrace against bpftrace (if installed). CPU time is the steadier figure on a
# loaded machine.
# Usage: bench/startup.sh [runs]   (root; after `mvn -q install -DskipTests`)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
prog='BEGIN { printf("Hello eBPF!\n"); exit(); }'

measure() { # name command...
  local name=$1; shift
  local stats; stats=$(mktemp)
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$stats" -a -f '%e %M %U %S' "$@" >/dev/null 2>&1
  done
  awk -v name="$name" -v runs="$runs" '{ wall += $1; cpu += $3 + $4; if ($2 > peak) peak = $2 }
    END { printf "%-10s mean wall %.3f s, mean CPU %.3f s over %d runs, peak RSS %d MiB\n", name, wall / runs, cpu / runs, runs, peak / 1024 }' "$stats"
  rm -f "$stats"
}

[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
tp='tracepoint:syscalls:sys_enter_getppid { @ = count(); } BEGIN { exit(); }'
echo "hello world: $prog"
measure jbpftrace dist/target/jbpftrace/bin/jbpftrace -e "$prog"
if command -v bpftrace >/dev/null; then measure bpftrace bpftrace -e "$prog"; fi
echo "tracepoint attach + exit: $tp"
measure jbpftrace dist/target/jbpftrace/bin/jbpftrace -e "$tp"
if command -v bpftrace >/dev/null; then measure bpftrace bpftrace -e "$tp"; fi
