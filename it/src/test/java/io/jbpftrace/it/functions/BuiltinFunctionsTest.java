package io.jbpftrace.it.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.it.support.Jbpftrace;
import io.jbpftrace.it.support.RequiresRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Year;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Functions and builtins whose output depends on the machine, so they cannot be golden files:
 * each script runs for real and its output must match a pattern.
 */
@ExtendWith(RequiresRoot.class)
class BuiltinFunctionsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "ksym of kaddr | BEGIN { printf(\"%s\\n\", ksym(kaddr(\"vfs_read\"))); exit(); }                 | vfs_read",
        "username      | BEGIN { printf(\"%s\\n\", username); exit(); }                                    | root",
        "curtask       | BEGIN { printf(\"%d\\n\", curtask->tgid == pid); exit(); }                        | 1",
        "offsetof      | BEGIN { printf(\"%d\\n\", offsetof(struct task_struct, pid) > 0); exit(); }       | 1",
        "buf %r        | BEGIN { printf(\"%r\\n\", buf(curtask->comm, 4)); exit(); }                       | java",
        "macaddr       | BEGIN { printf(\"%s\\n\", macaddr(curtask->comm)); exit(); }                      | 6A:61:76:61:00:00",
        "elapsed       | BEGIN { printf(\"%d\\n\", elapsed > 0 && elapsed < 60000000000); exit(); }        | 1",
        "cgroupid      | BEGIN { printf(\"%d\\n\", cgroupid(\"/sys/fs/cgroup\") > 0); exit(); }            | 1",
        "rand, cgroup  | BEGIN { printf(\"%d\\n\", rand >= 0 && cgroup > 0); exit(); }                     | 1",
        "strftime      | BEGIN { printf(\"%s\\n\", strftime(\"%Y\", nsecs)); exit(); }                      | YEAR",
        "time          | BEGIN { time(\"%Y\\n\"); exit(); }                                                 | YEAR",
        "cgroup_path   | BEGIN { printf(\"%s\\n\", cgroup_path(cgroup, \"unified\")); exit(); }              | unified:/\\S*",
        "reg, usym     | profile:hz:99 { printf(\"%d %s\\n\", reg(\"ip\") > 0, usym(reg(\"ip\"))); exit(); } | 1 \\S+",
    })
    void printsWhatTheMachineSays(String name, String script, String expected) {
        Jbpftrace.Result r = Jbpftrace.run("-q", "-e", script);
        assertEquals(0, r.exitCode(), r::toString);
        String line = r.stdout().lines().findFirst().orElse("");
        String pattern = expected.replace("YEAR", String.valueOf(Year.now().getValue()));
        assertTrue(Pattern.matches(pattern, line), () -> name + ": " + r);
    }

    /** A cgroup made for the test is found by its id in the cgroup2 hierarchy. */
    @Test
    void cgroupPathFindsANewCgroup() throws Exception {
        Path unified = cgroup2MountPoint();
        Path made = Files.createDirectory(unified.resolve("jbpftrace-it-" + ProcessHandle.current().pid()));
        try {
            Jbpftrace.Result r = Jbpftrace.run("-q", "-e", "BEGIN { printf(\"%s\\n\", cgroup_path(cgroupid(\"" + made + "\"), \"unif*\")); exit(); }");
            assertEquals(0, r.exitCode(), r::toString);
            assertEquals("unified:/" + made.getFileName(), r.stdout().lines().findFirst().orElse(""), r::toString);
        } finally {
            Files.delete(made);
        }
    }

    private static Path cgroup2MountPoint() throws Exception {
        try (var lines = Files.lines(Path.of("/proc/self/mountinfo"))) {
            return lines.filter(l -> l.contains(" - cgroup2 ")).map(l -> Path.of(l.split(" ")[4])).findFirst()
                    .orElseThrow(() -> new org.opentest4j.TestAbortedException("no cgroup2 hierarchy mounted"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "join      | tracepoint:syscalls:sys_enter_execve /str(args->filename) == \"/bin/echo\"/ { join(args->argv); join(args->argv, \",\"); }",
        "signal    | tracepoint:syscalls:sys_enter_execve /str(args->filename) == \"/bin/echo\"/ { signal(\"SIGSTOP\"); signal(\"SIGCONT\"); join(args->argv); }",
    })
    void tracesTheCommand(String name, String script) {
        Jbpftrace.Result r = Jbpftrace.run("--unsafe", "-e", script, "-c", "/bin/echo one two");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("/bin/echo one two\n"), () -> name + ": " + r);
        if (name.equals("join")) assertTrue(r.stdout().contains("/bin/echo,one,two\n"), r::toString);
    }
}
