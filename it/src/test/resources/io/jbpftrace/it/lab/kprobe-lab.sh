#!/bin/sh
# Runs in the kernel lab guest (Debian's kernel, with kprobes): the kprobe acceptance one-liners
# through the real jbpftrace CLI. Each check prints "=== NAME", its output, then "=== NAME rc=N".
# KprobeLabTest parses those sections.
#
# Usage: kprobe-lab.sh JBPFTRACE WORKLOAD
J=$1 W=$2
T=/sys/kernel/tracing
KLIST=/sys/kernel/debug/kprobes/list
cd /tmp || exit 1

. "$(dirname "$0")/lab-lib.sh"

# Kernel kprobes left behind: the registered ones and tracefs' text-interface ones.
leftovers() { echo "kprobes-registered $(cat "$KLIST" 2>/dev/null | wc -l) kprobe-events $(cat $T/kprobe_events | wc -l)"; }

echo "=== start"; leftovers; echo "=== start rc=0"

echo "=== latency"
# The workload blocks opening the fifo until 'go' is written, so it runs only once the probes are in.
mkfifo /tmp/go
"$W" read 100 50 </tmp/go >/tmp/workload.out & wl=$!
out=/tmp/latency.out
# arg2 == 100: only the workload's own 50 reads of 100 bytes (not the loader's or stdin's).
trace -e "kprobe:vfs_read /pid == $wl && arg2 == 100/ { @start[tid] = nsecs; }
kretprobe:vfs_read /@start[tid]/ { @ns = hist(nsecs - @start[tid]); delete(@start[tid]); }"
echo go >/tmp/go
wait $wl
finish latency

echo "=== lhist"
out=/tmp/lhist.out
trace -e 'kretprobe:vfs_read { @bytes = lhist(retval, 0, 2000, 200) }'
dd if=/dev/zero of=/dev/null bs=512 count=300 2>/dev/null
finish lhist

echo "=== nanosleep"
out=/tmp/nanosleep.out
cp /bin/sleep /tmp/jbt_napper
trace -e 'kprobe:do_nanosleep { printf("%s\n", comm); }'
/tmp/jbt_napper 0.2
finish nanosleep

list_wildcard_killed 'kprobe:vfs_*' 'kretprobe:vfs_read'
