#!/bin/sh
# Runs in the kernel lab guest (Debian's kernel: BTF and fentry): the kfunc/kretfunc acceptance
# one-liners through the real jbpftrace CLI, and the same lhist through bpftrace as an oracle when
# it runs there. Each check prints "=== NAME", its output, then "=== NAME rc=N"; KfuncLabTest
# parses those sections.
#
# Usage: kfunc-lab.sh JBPFTRACE WORKLOAD
J=$1 W=$2
cd /tmp || exit 1

. "$(dirname "$0")/lab-lib.sh"

# bpftrace announces its probes before attaching them: before a run compared with it, wait until
# both tools are surely attached, so both see the same events.
settle() { sleep 10; }


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

echo "=== oracle_list"
bpftrace -l 'kfunc:vfs_*'
echo "=== oracle_list rc=$?"

list_wildcard_killed 'kfunc:vfs_*' 'kretfunc:vfs_read'
