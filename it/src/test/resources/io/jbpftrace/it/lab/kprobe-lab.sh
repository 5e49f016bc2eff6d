#!/bin/sh
# Runs in the kernel lab guest (Debian's kernel, with kprobes): the kprobe acceptance one-liners
# and the shipped tools that need kprobes or kallsyms data symbols, through the real jbpftrace CLI.
# Each check prints "=== NAME", its output, then "=== NAME rc=N". KprobeLabTest parses those sections.
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

# The shipped tools that need this kernel: kprobes (swapin) or data symbols in kallsyms (loads).
TOOLS=$(dirname "$J")/../tools

echo "=== swapin"
out=/tmp/swapin.out
# Swap in memory (zram, loaded by the lab's init), so MADV_PAGEOUT has somewhere to put pages.
echo 64M >/sys/block/zram0/disksize && mkswap /dev/zram0 >/dev/null && swapon /dev/zram0 || echo "no zram swap"
trace_with "$J" "$TOOLS/swapin.bt"
echo go | "$W" swapin 2000 >/tmp/swapin-workload.out
cat /tmp/swapin-workload.out
sleep 2 # the next interval prints the count
finish swapin
swapoff /dev/zram0 2>/dev/null

echo "=== loads"
out=/tmp/loads.out
trace_with "$J" "$TOOLS/loads.bt"
sleep 2.5
echo "proc-loadavg $(cat /proc/loadavg)"
sleep 1
finish loads

list_wildcard_killed 'kprobe:vfs_*' 'kretprobe:vfs_read'
