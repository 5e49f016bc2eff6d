#!/usr/bin/env bash
# jbpftrace against bpftrace 0.17, same scripts, same workloads, runs interleaved (J, B, J, B, ...)
# so that a busy machine slows both alike; prints means and the ratio jbpftrace / bpftrace.
#
# Usage (root, after `mvn -q install -DskipTests`):
#   bash bench/run.sh [-n RUNS] [start|attach|kcost|storm|bigmap|all ...]
#
#   start   BEGIN { printf("hi\n"); exit(); }: wall time and peak RSS
#   attach  30 syscall tracepoints: time until "Attaching 31 probes...", until BEGIN's line (BEGIN
#           runs once every probe is attached, in both tools), wall time to exit, peak RSS
#   kcost   per-event run time in the kernel (kernel.bpf_stats_enabled, restored afterwards) and
#           translated instruction count of four scripts on a storm of read()s
#   storm   printf("%d %s\n", pid, comm) on 2M getppid() calls written to a file: the storm's time
#           traced and untraced, the overhead (traced minus the untraced run just before), lines
#           written, events lost, time from SIGTERM to exit
#   bigmap  a 100,000-key count map: time from SIGTERM to exit (reading and printing it)
# Environment: JBPFTRACE (default dist/target/jbpftrace/bin/jbpftrace), BPFTRACE (default bpftrace),
# STORM_EVENTS (default 2000000).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs=3
if [ "${1:-}" = -n ]; then runs=$2; shift 2; fi
benches=("$@")
[ ${#benches[@]} -eq 0 ] || [ "${benches[0]}" = all ] && benches=(start attach kcost storm bigmap)

J=${JBPFTRACE:-$root/dist/target/jbpftrace/bin/jbpftrace}
B=${BPFTRACE:-bpftrace}
storm_events=${STORM_EVENTS:-2000000}
[ -x "$J" ] || { echo "no jbpftrace at $J: run mvn -q install -DskipTests" >&2; exit 1; }
command -v "$B" >/dev/null || { echo "no bpftrace ($B)" >&2; exit 1; }
for t in /usr/bin/time gcc bpftool jq; do command -v $t >/dev/null || { echo "needs $t" >&2; exit 1; }; done

work=$(mktemp -d /tmp/jbpftrace-bench.XXXXXX)
stats_was=$(sysctl -n kernel.bpf_stats_enabled)
stats_set=
cleanup() {
  # only kcost changes the sysctl: restoring it otherwise would turn it off under a kcost running meanwhile
  [ -z "$stats_set" ] || sysctl -qw kernel.bpf_stats_enabled="$stats_was"
  rm -rf "$work"
}
trap cleanup EXIT
gcc -O2 -o "$work/storm" bench/storm.c
storm=$work/storm
export BPFTRACE_MAP_KEYS_MAX=200000 # bigmap; the same limit for both tools

tool() { # J|B -> command
  if [ "$1" = J ]; then echo "$J"; else echo "$B"; fi
}

record() { # bench metric tool value
  echo "$4" >>"$work/$1.$2.$3"
}

# Starts a tool in the background with stdout to $work/out; sets $tpid; waits for its "Attaching" line.
start_traced() { # J|B script [extra args...]
  local t=$1 script=$2; shift 2
  rm -f "$work/out" "$work/printed"
  "$(tool "$t")" "$@" -e "$script" >"$work/out" 2>"$work/err" &
  tpid=$!
  for _ in $(seq 600); do
    if grep -qs '^Attaching' "$work/out" "$work/printed" && [ -n "$(prog_ids)" ]; then
      sleep 1 # bpftrace says "Attaching" before it loads and attaches; give it time to finish
      return 0
    fi
    kill -0 $tpid 2>/dev/null || break
    sleep 0.05
  done
  echo "$t did not attach: $(cat "$work/err")" >&2
  kill -TERM $tpid 2>/dev/null && wait $tpid 2>/dev/null
  return 1
}

stop_traced() { # sets $stopped_s: seconds from the signal to the tool's exit (not in $(...): wait needs the parent)
  local t0 t1
  t0=$(date +%s%N)
  kill -TERM $tpid # SIGINT: a background job of a script starts with it ignored
  wait $tpid || true
  t1=$(date +%s%N)
  stopped_s=$(echo "scale=3; ($t1 - $t0) / 1000000000" | bc)
}

bench_start() {
  local prog='BEGIN { printf("hi\n"); exit(); }'
  for _ in $(seq "$runs"); do
    for t in J B; do
      /usr/bin/time -o "$work/time" -f '%e %M' "$(tool $t)" -e "$prog" >/dev/null 2>&1 || { echo "$t failed" >&2; continue; }
      read -r wall rss <"$work/time"
      record start "wall_s" $t "$wall"
      record start "rss_MiB" $t "$((rss / 1024))"
    done
  done
}

bench_attach() {
  local names probes
  names=$(ls /sys/kernel/tracing/events/syscalls | awk '/^sys_enter_/ && ++n <= 30') # no head: SIGPIPE + pipefail
  probes=$(for n in $names; do printf 'tracepoint:syscalls:%s,' "$n"; done)
  # BEGIN runs once every probe is attached, in both tools: its line is "start -> attached"
  local prog="${probes%,} { @[probe] = count(); } BEGIN { printf(\"go\\n\"); exit(); }"
  for _ in $(seq "$runs"); do
    for t in J B; do
      local t0 times
      t0=$(date +%s%N)
      times=$(/usr/bin/time -o "$work/time" -f '%e %M' "$(tool $t)" -e "$prog" 2>/dev/null |
        while read -r line; do
          case $line in
            Attaching*) echo "scale=3; ($(date +%s%N) - $t0) / 1000000000" | bc ;;
            go) echo "scale=3; ($(date +%s%N) - $t0) / 1000000000" | bc ;;
          esac
        done | paste -sd' ') || { echo "$t failed" >&2; continue; }
      read -r wall rss <"$work/time"
      record attach "to_attaching_s" $t "${times%% *}"
      record attach "to_begin_s" $t "${times##* }"
      record attach "wall_s" $t "$wall"
      record attach "rss_MiB" $t "$((rss / 1024))"
    done
  done
}

# The BPF programs the tool holds open, comma-separated ids (bpftool's pids field needs a bpftool
# built with skeletons, so the process's own fdinfo is read).
prog_ids() {
  grep -h '^prog_id:' /proc/$tpid/fdinfo/* 2>/dev/null | awk '{ print $2 }' | sort -u | paste -sd, -
}

# The tool's tracepoint programs, one line each: id run_time_ns run_cnt xlated_insns.
prog_stats() {
  bpftool prog show -j | jq -r "[$(prog_ids)] as \$ids | .[] | select(.type == \"tracepoint\" and (.id as \$i | any(\$ids[]; . == \$i))) |
    \"\\(.id) \\(.run_time_ns // 0) \\(.run_cnt // 0) \\(.bytes_xlated / 8)\""
}

bench_kcost() {
  local -A scripts=(
    [count]='tracepoint:syscalls:sys_enter_read { @[comm] = count(); }'
    [hist]='tracepoint:syscalls:sys_exit_read { @ = hist(args->ret); }'
    [sum]='tracepoint:syscalls:sys_enter_read { @[pid, comm] = sum(args->count); }'
    [printf]='tracepoint:syscalls:sys_enter_read { printf("%d %s\n", pid, comm); }'
  )
  stats_set=1
  for _ in $(seq "$runs"); do
    for s in count hist sum printf; do
      for t in J B; do
        start_traced $t "${scripts[$s]}" -o "$work/printed" || continue
        local before after
        sysctl -qw kernel.bpf_stats_enabled=1 # again: another bench run may have restored it meanwhile
        before=$(prog_stats)
        "$storm" read 64 200000 >/dev/null
        after=$(prog_stats)
        stop_traced
        [ "$(sysctl -n kernel.bpf_stats_enabled)" = 1 ] || { echo "kcost $s $t: bpf_stats turned off meanwhile, skipped" >&2; continue; }
        # ns per run and instructions, summed over the tool's tracepoint programs (there is one)
        read -r ns insns < <(join <(echo "$before" | sort) <(echo "$after" | sort) |
          awk '{ dt += $5 - $2; dn += $6 - $3; insns += $7 } END { printf "%.1f %d\n", dn ? dt / dn : 0, insns }')
        record kcost "${s}_ns" $t "$ns"
        record kcost "${s}_insns" $t "$insns"
      done
    done
  done
  sysctl -qw kernel.bpf_stats_enabled="$stats_was"
}

bench_storm() {
  local prog='tracepoint:syscalls:sys_enter_getppid { printf("%d %s\n", pid, comm); }'
  for _ in $(seq "$runs"); do
    local untraced traced
    untraced=$("$storm" getppid "$storm_events")
    record storm "untraced_s" - "$untraced"
    for t in J B; do
      start_traced $t "$prog" -o "$work/printed" || continue
      traced=$("$storm" getppid "$storm_events")
      record storm "traced_s" $t "$traced"
      record storm "overhead_s" $t "$(echo "$traced - $untraced" | bc)"
      stop_traced
      record storm "signal_to_exit_s" $t "$stopped_s"
      record storm "lines" $t "$(grep -c ' storm$' "$work/printed" || true)"
      record storm "lost" $t "$(cat "$work/printed" "$work/out" | awk '/^Lost [0-9]+ events/ { n += $2 } END { print n + 0 }')"
    done
  done
}

bench_bigmap() {
  local prog='tracepoint:syscalls:sys_enter_read /comm == "storm"/ { @[args->count] = count(); }'
  for _ in $(seq "$runs"); do
    for t in J B; do
      start_traced $t "$prog" || continue
      "$storm" readsizes 100000 >/dev/null
      stop_traced
      record bigmap "signal_to_exit_s" $t "$stopped_s"
      record bigmap "keys_printed" $t "$(grep -c '^@\[' "$work/out" || true)"
      grep '^@\[' "$work/out" | sort >"$work/entries.$t"
    done
    cmp -s "$work/entries.J" "$work/entries.B" && record bigmap "same_entries" - 1 || record bigmap "same_entries" - 0
  done
}

report() {
  echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $runs runs each, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%-8s %-18s %12s %12s %8s\n' bench metric jbpftrace bpftrace ratio
  for b in "${benches[@]}"; do
    for f in "$work/$b".*; do
      [ -e "$f" ] || continue
      local metric=${f#"$work/$b".}; metric=${metric%.*}
      [ "${f##*.}" = B ] && continue
      local mean_j mean_b
      mean_j=$(awk '{ s += $1 } END { printf "%.3f", NR ? s / NR : 0 }' "$f")
      if [ "${f##*.}" = - ]; then
        printf '%-8s %-18s %12s %12s %8s\n' "$b" "$metric" "$mean_j" "" ""
        continue
      fi
      mean_b=$(awk '{ s += $1 } END { printf "%.3f", NR ? s / NR : 0 }' "${f%.J}.B" 2>/dev/null || echo 0)
      printf '%-8s %-18s %12s %12s %8s\n' "$b" "$metric" "$mean_j" "$mean_b" \
        "$(awk -v j="$mean_j" -v b="$mean_b" 'BEGIN { if (b > 0) printf "%.2f", j / b; else print "-" }')"
    done
  done
}

for b in "${benches[@]}"; do
  echo "running $b ($runs runs)..." >&2
  "bench_$b"
done
report
