#!/bin/sh
# Runs in the kernel lab guest (Debian's kernel: BTF and fentry): the kfunc/kretfunc acceptance
# one-liners through the real jbpftrace CLI, and the same lhist through bpftrace as an oracle when
# it runs there. Each check prints "=== NAME", its output, then "=== NAME rc=N"; KfuncLabTest
# parses those sections.
#
# Usage: kfunc-lab.sh JBPFTRACE WORKLOAD
J=$1 W=$2
cd /tmp || exit 1

# Waits (up to $2 s, default 240: the JVM runs emulated) until FILE announces its probes.
attached() {
    i=0 limit=$(( ${2:-240} * 2 ))
    while ! grep -q '^Attaching' "$1" 2>/dev/null; do
        i=$((i + 1))
        [ $i -gt $limit ] && { echo "no Attaching line after ${2:-240} s"; return 1; }
        sleep 0.5
    done
}

# Runs the command in the background, output to $out; sets $jb. Killed after 400 s if it hangs.
trace_with() { timeout -s KILL 400 "$@" >"$out" 2>&1 & jb=$!; attached "$out"; }
trace() { trace_with "$J" "$@"; }

# bpftrace announces its probes before attaching them: before a run compared with it, wait until
# both tools are surely attached, so both see the same events.
settle() { sleep 10; }

# SIGTERM ends a run the normal way (maps printed); prints the output and the exit code.
finish() { kill -TERM "$jb"; wait "$jb"; rc=$?; cat "$out"; echo "=== $1 rc=$rc"; }

# BPF programs and links alive in the kernel (the guest runs nothing else that loads any).
leftovers() { echo "bpf-progs $(bpftool prog show 2>/dev/null | grep -c '^[0-9]') bpf-links $(bpftool link show 2>/dev/null | grep -c '^[0-9]')"; }

# The workload blocks opening the fifo until 'go' is written, so it runs only once the probes are in.
gated_workload() { rm -f /tmp/go; mkfifo /tmp/go; "$W" "$@" </tmp/go >/dev/null & wl=$!; }
release() { echo go >/tmp/go; wait $wl; }

echo "=== start"; command -v bpftool; leftovers; echo "=== start rc=0"

echo "=== count"
gated_workload read 100 50
out=/tmp/count.out
# A typed argument in the predicate: only the workload's 50 reads of 100 bytes, not the loader's.
trace -e "kfunc:vfs_read /pid == $wl && args->count == 100/ { @[comm] = count(); }"
release
finish count

echo "=== retval"
gated_workload read 100 50
out=/tmp/retval.out
trace -e "kretfunc:vfs_read /pid == $wl && args->count == 100/ { @bytes = sum(retval); @calls = count(); }"
release
finish retval

echo "=== lhist"
out=/tmp/lhist.out
trace -e 'kretfunc:vfs_read /comm == "dd"/ { @bytes = lhist(retval, 0, 2000, 200) }'
settle
dd if=/dev/zero of=/dev/null bs=512 count=300 2>/dev/null
finish lhist

echo "=== oracle_lhist"
out=/tmp/oracle.out
if command -v bpftrace >/dev/null; then
    trace_with bpftrace -e 'kretfunc:vfs_read /comm == "dd"/ { @bytes = lhist(retval, 0, 2000, 200) }'
    settle
    dd if=/dev/zero of=/dev/null bs=512 count=300 2>/dev/null
    finish oracle_lhist
else
    echo "=== oracle_lhist rc=127"
fi

echo "=== deref"
out=/tmp/deref.out
: >/tmp/jbt_kfunc_opened
DEREF='kfunc:vfs_open /comm == "cat"/ { printf("%s %s\n", probe, str(args->path->dentry->d_name.name)); }'
trace -e "$DEREF"
settle
cat /tmp/jbt_kfunc_opened
finish deref

echo "=== oracle_deref"
out=/tmp/oracle_deref.out
trace_with bpftrace -e "$DEREF"
settle
cat /tmp/jbt_kfunc_opened
finish oracle_deref

echo "=== list"
"$J" -l 'kfunc:vfs_*'
echo "=== list rc=$?"

echo "=== oracle_list"
bpftrace -l 'kfunc:vfs_*'
echo "=== oracle_list rc=$?"

echo "=== wildcard"
out=/tmp/wildcard.out
trace -e 'kfunc:vfs_* { @calls[func] = count(); }'
cat /etc/hostname >/dev/null
echo "while-attached $(leftovers)"
finish wildcard

echo "=== killed"
out=/tmp/killed.out
# Not through trace(): SIGKILL must hit the JVM itself (the launcher execs java), not timeout(1).
"$J" -e 'kretfunc:vfs_read { @ = count(); }' >"$out" 2>&1 & jb=$!
attached "$out"
echo "while-attached $(leftovers)"
kill -KILL "$jb"; wait "$jb"; rc=$?
sleep 1
cat "$out"; echo "=== killed rc=$rc"

echo "=== end"; leftovers; echo "=== end rc=0"
