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

# Waits (up to 240 s: the JVM runs emulated) until jbpftrace announces its probes in FILE.
attached() {
    i=0
    while ! grep -q '^Attaching' "$1" 2>/dev/null; do
        i=$((i + 1))
        [ $i -gt 480 ] && { echo "no Attaching line after 240 s"; return 1; }
        sleep 0.5
    done
}

# Starts jbpftrace with the arguments in the background, output to $out; sets $jb. A run that
# never ends is killed after 400 s, so a hang fails one check instead of the whole boot.
trace() { timeout -s KILL 400 "$J" "$@" >"$out" 2>&1 & jb=$!; attached "$out"; }

# SIGTERM ends a run the normal way (maps printed); prints the output and the exit code.
finish() { kill -TERM "$jb"; wait "$jb"; rc=$?; cat "$out"; echo "=== $1 rc=$rc"; }

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

echo "=== list"
"$J" -l 'kprobe:vfs_*'
echo "=== list rc=$?"

echo "=== wildcard"
out=/tmp/wildcard.out
trace -e 'kprobe:vfs_* { @calls[func] = count(); }'
cat /etc/hostname >/dev/null
echo "while-attached $(leftovers)"
finish wildcard

echo "=== killed"
out=/tmp/killed.out
# Not through trace(): SIGKILL must hit the JVM itself (the launcher execs java), not timeout(1).
"$J" -e 'kretprobe:vfs_read { @ = count(); }' >"$out" 2>&1 & jb=$!
attached "$out"
echo "while-attached $(leftovers)"
kill -KILL "$jb"; wait "$jb"; rc=$?
sleep 1
cat "$out"; echo "=== killed rc=$rc"

echo "=== end"; leftovers; echo "=== end rc=0"
