package io.jbpftrace.provider.tracepoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jbpftrace.types.Type;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TracepointFormatTest {

    static String fixture(String name) throws IOException {
        try (InputStream in = TracepointFormatTest.class.getResourceAsStream("/fixtures/" + name + ".format")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Type.Record args(String fixture, boolean user) throws IOException {
        return FieldTypes.record("struct t", TracepointFormat.parse(fixture(fixture)), user);
    }

    @Test
    void openatArgumentsAreWideIntegersAndAUserStringPointer() throws IOException {
        Type.Record r = args("syscalls_sys_enter_openat", true);
        assertEquals(List.of("__syscall_nr", "dfd", "filename", "flags", "mode"),
                r.fields().stream().map(Type.Field::name).toList());
        assertEquals(new Type.Field("__syscall_nr", 8, Type.Int.S32), r.field("__syscall_nr").orElseThrow());
        assertEquals(new Type.Field("dfd", 16, Type.Int.S64), r.field("dfd").orElseThrow());
        assertEquals(new Type.Field("filename", 24, new Type.Pointer(Type.Int.S8, true)), r.field("filename").orElseThrow());
        assertEquals(new Type.Field("mode", 40, Type.Int.U64), r.field("mode").orElseThrow());
        assertEquals(48, r.size());
    }

    @Test
    void commonFieldsAreNotScriptFields() throws IOException {
        TracepointFormat format = TracepointFormat.parse(fixture("sched_sched_switch"));
        assertEquals(11, format.fields().size());
        assertFalse(args("sched_sched_switch", false).field("common_pid").isPresent());
    }

    @Test
    void schedSwitchHasCommArraysAndSignedPids() throws IOException {
        Type.Record r = args("sched_sched_switch", false);
        assertEquals(new Type.Field("prev_comm", 8, new Type.Array(Type.Int.S8, 16)), r.field("prev_comm").orElseThrow());
        assertEquals(new Type.Field("prev_pid", 24, Type.Int.S32), r.field("prev_pid").orElseThrow());
        assertEquals(new Type.Field("prev_state", 32, Type.Int.S64), r.field("prev_state").orElseThrow());
        assertEquals(new Type.Field("next_comm", 40, new Type.Array(Type.Int.S8, 16)), r.field("next_comm").orElseThrow());
        assertEquals(64, r.size());
    }

    @Test
    void dataLocStringsAreDataLocOfChar() throws IOException {
        Type.Record r = args("sched_sched_process_exec", false);
        assertEquals(new Type.Field("filename", 8, new Type.DataLoc(Type.Int.S8)), r.field("filename").orElseThrow());
        assertEquals(new Type.Field("old_pid", 16, Type.Int.S32), r.field("old_pid").orElseThrow());
    }

    @Test
    void integerArraysGetTheirElementWidthFromTheSize() throws IOException {
        Type.Record r = args("raw_syscalls_sys_enter", false);
        assertEquals(new Type.Field("id", 8, Type.Int.S64), r.field("id").orElseThrow());
        assertEquals(new Type.Field("args", 16, new Type.Array(Type.Int.U64, 6)), r.field("args").orElseThrow());
    }

    @Test
    void exitRetIsSignedLong() throws IOException {
        assertEquals(new Type.Field("ret", 16, Type.Int.S64), args("syscalls_sys_exit_openat", true).field("ret").orElseThrow());
    }

    @Test
    void describeShowsDeclarationsLikeBpftraceLv() throws IOException {
        assertEquals(List.of("    __data_loc char[] filename", "    pid_t pid", "    pid_t old_pid"),
                TracepointFormat.parse(fixture("sched_sched_process_exec")).describe());
        assertEquals("    char prev_comm[16]", TracepointFormat.parse(fixture("sched_sched_switch")).describe().get(0));
    }

    @Test
    void oddDeclarations() {
        String text = """
                \tfield:struct task_struct *task;\toffset:8;\tsize:8;\tsigned:0;
                \tfield:unsigned char saddr[4];\toffset:16;\tsize:4;\tsigned:0;
                \tfield:u32 mask[NR_MASK];\toffset:20;\tsize:8;\tsigned:0;
                \tfield:struct foo bar;\toffset:28;\tsize:12;\tsigned:0;
                \tfield:__data_loc u64[] ids;\toffset:40;\tsize:4;\tsigned:0;
                \tfield:xfs_ino_t ino;\toffset:48;\tsize:8;\tsigned:0;
                """;
        Type.Record r = FieldTypes.record("s", TracepointFormat.parse(text), false);
        assertEquals(new Type.Pointer(new Type.Record("task_struct", List.of(), 0), false), r.field("task").orElseThrow().type());
        assertEquals(new Type.Array(Type.Int.U8, 4), r.field("saddr").orElseThrow().type());
        assertEquals(new Type.Array(Type.Int.U32, 2), r.field("mask").orElseThrow().type());
        assertEquals(new Type.Array(Type.Int.U8, 12), r.field("bar").orElseThrow().type());
        assertEquals(new Type.DataLoc(Type.Int.U64), r.field("ids").orElseThrow().type());
        assertEquals(Type.Int.U64, r.field("ino").orElseThrow().type());
    }

    @Test
    void pointerFieldsKeepWhatTheyPointAt() {
        String text = """
                \tfield:struct __kernel_timespec * rqtp;\toffset:16;\tsize:8;\tsigned:0;
                \tfield:const struct sockaddr * uservaddr;\toffset:24;\tsize:8;\tsigned:0;
                \tfield:union bpf_attr * uattr;\toffset:32;\tsize:8;\tsigned:0;
                \tfield:int * upeer_addrlen;\toffset:40;\tsize:8;\tsigned:0;
                \tfield:const char * filename;\toffset:48;\tsize:8;\tsigned:0;
                \tfield:void * buf;\toffset:56;\tsize:8;\tsigned:0;
                \tfield:struct file **files;\toffset:64;\tsize:8;\tsigned:0;
                \tfield:u64 * ids;\toffset:72;\tsize:8;\tsigned:0;
                \tfield:char comm[16];\toffset:80;\tsize:16;\tsigned:0;
                \tfield:__data_loc char[] name;\toffset:96;\tsize:4;\tsigned:0;
                """;
        Type.Record r = FieldTypes.record("s", TracepointFormat.parse(text), true);
        assertEquals(new Type.Pointer(new Type.Record("__kernel_timespec", List.of(), 0), true), r.field("rqtp").orElseThrow().type());
        assertEquals(new Type.Pointer(new Type.Record("sockaddr", List.of(), 0), true), r.field("uservaddr").orElseThrow().type());
        assertEquals(new Type.Pointer(new Type.Record("bpf_attr", List.of(), 0), true), r.field("uattr").orElseThrow().type());
        assertEquals(new Type.Pointer(Type.Int.S32, true), r.field("upeer_addrlen").orElseThrow().type());
        assertEquals(new Type.Pointer(Type.Int.S8, true), r.field("filename").orElseThrow().type());
        assertEquals(new Type.Pointer(Type.Int.U8, true), r.field("buf").orElseThrow().type());
        assertEquals(new Type.Pointer(new Type.Pointer(new Type.Record("file", List.of(), 0), true), true), r.field("files").orElseThrow().type());
        assertEquals(new Type.Pointer(Type.Int.U64, true), r.field("ids").orElseThrow().type());
        assertEquals(new Type.Array(Type.Int.S8, 16), r.field("comm").orElseThrow().type());
        assertEquals(new Type.DataLoc(Type.Int.S8), r.field("name").orElseThrow().type());
    }
}
