# Shell functions the kernel lab scripts share; sourced, not run. Each check prints "=== NAME", its
# output, then "=== NAME rc=N" for the Java side to parse. Needs J (the jbpftrace launcher) and
# leftovers() (what the script counts as left behind in the kernel) from the sourcing script.

# Waits (up to $2 s, default 240: the JVM runs emulated) until FILE announces its probes.
attached() {
    i=0 limit=$(( ${2:-240} * 2 ))
    while ! grep -q '^Attaching' "$1" 2>/dev/null; do
        i=$((i + 1))
        [ $i -gt $limit ] && { echo "no Attaching line after ${2:-240} s"; return 1; }
        sleep 0.5
    done
}

# Runs the command in the background, output to $out; sets $jb. A run that never ends is killed
# after 400 s, so a hang fails one check instead of the whole boot.
trace_with() { timeout -s KILL 400 "$@" >"$out" 2>&1 & jb=$!; attached "$out"; }
trace() { trace_with "$J" "$@"; }

# SIGTERM ends a run the normal way (maps printed); prints the output and the exit code.
finish() { kill -TERM "$jb"; wait "$jb"; rc=$?; cat "$out"; echo "=== $1 rc=$rc"; }

# The checks both probe families end with: "list" (-l of PATTERN), "wildcard" (PATTERN attached,
# with leftovers counted while attached), "killed" (a run of RETPROBE ended by SIGKILL), "end".
list_wildcard_killed() {
    echo "=== list"
    "$J" -l "$1"
    echo "=== list rc=$?"

    echo "=== wildcard"
    out=/tmp/wildcard.out
    trace -e "$1 { @calls[func] = count(); }"
    cat /etc/hostname >/dev/null
    echo "while-attached $(leftovers)"
    finish wildcard

    echo "=== killed"
    out=/tmp/killed.out
    # Not through trace(): SIGKILL must hit the JVM itself (the launcher execs java), not timeout(1).
    "$J" -e "$2 { @ = count(); }" >"$out" 2>&1 & jb=$!
    attached "$out"
    echo "while-attached $(leftovers)"
    kill -KILL "$jb"; wait "$jb"; rc=$?
    sleep 1
    cat "$out"; echo "=== killed rc=$rc"

    echo "=== end"; leftovers; echo "=== end rc=0"
}
