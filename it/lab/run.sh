#!/bin/sh
# Boots Debian's kernel under qemu (software emulation) and runs COMMAND in the guest, chrooted into
# the host's root shared read-only (/tmp is a fresh tmpfs there). Prints the serial console and
# exits with the command's exit code; 124 when the timeout hit, 125 when the lab itself failed.
#
# Usage: it/lab/run.sh 'COMMAND'
# Env:   LAB_TIMEOUT seconds (default 300), JBPFTRACE_LAB_DIR (see prepare.sh),
#        LAB_CONSOLE_LOG file that also receives the console
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 1 ] || { echo "usage: $0 'COMMAND'" >&2; exit 2; }
TIMEOUT=${LAB_TIMEOUT:-300}

env_file=$("$HERE/prepare.sh") || exit 125
. "$env_file"
LAB_DIR=$(dirname "$env_file")

# The guest reads the command from this host file over 9p, so any quoting and length work.
run_dir=$(mktemp -d "$LAB_DIR/run.XXXXXX")
trap 'rm -rf "$run_dir"' EXIT INT TERM
printf '%s\n' "$1" >"$run_dir/cmd"
console=${LAB_CONSOLE_LOG:-$run_dir/console}

set +e
timeout --kill-after=10 "$TIMEOUT" qemu-system-x86_64 \
    -accel tcg -cpu max -smp 2 -m 2048 \
    -nographic -no-reboot -monitor none -serial stdio -nic none \
    -kernel "$LAB_KERNEL" -initrd "$LAB_INITRD" \
    -append "console=ttyS0 quiet panic=-1 jbt.cmd=$run_dir/cmd" \
    -virtfs local,path=/,mount_tag=host,security_model=none,readonly=on,multidevs=remap \
    </dev/null 2>&1 | stdbuf -oL tr -d '\r' | tee "$console"
set -e

rc=$(sed -n 's/^LAB-EXIT \([0-9][0-9]*\)$/\1/p' "$console" | tail -n1)
if [ -n "$rc" ]; then exit "$rc"; fi
if grep -q 'LAB-BEGIN$' "$console"; then
    echo "run.sh: the guest command did not finish within ${TIMEOUT}s" >&2
    exit 124
fi
echo "run.sh: the guest did not reach the command (boot failed or timed out after ${TIMEOUT}s)" >&2
exit 125
