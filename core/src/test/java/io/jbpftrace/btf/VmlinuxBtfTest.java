package io.jbpftrace.btf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jbpftrace.types.Type;
import io.jbpftrace.types.Type.Int;
import io.jbpftrace.types.Type.Pointer;
import io.jbpftrace.types.Type.Record;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The running kernel's BTF, checked against bpftool's dump of the same file. */
class VmlinuxBtfTest {
    private static Btf btf;
    private static Optional<BpftoolDump> oracle;

    @BeforeAll static void load() {
        assumeTrue(Files.isReadable(Btf.VMLINUX), "no kernel BTF on this machine");
        btf = Btf.vmlinux();
        oracle = BpftoolDump.of(Btf.VMLINUX.toString());
    }

    private static BpftoolDump bpftool() {
        assumeTrue(oracle.isPresent(), "bpftool is not installed");
        return oracle.get();
    }

    @Test void vmlinuxIsReadOnce() { assertSame(btf, Btf.vmlinux()); }

    @Test void taskStruct() {
        Record task = btf.struct("task_struct").orElseThrow();
        assertEquals(Int.S32, field(task, "pid").type());
        assertEquals(Int.S32, field(task, "tgid").type());
        assertEquals(new Type.Array(Int.S8, 16), field(task, "comm").type());
        assertEquals(new Pointer(new Record("task_struct", List.of(), task.size()), false), field(task, "real_parent").type());
        Pointer mm = (Pointer) field(task, "mm").type();
        Record shallowMm = (Record) mm.target();
        assertEquals("mm_struct", shallowMm.name());
        assertTrue(shallowMm.fields().isEmpty());
        assertEquals(btf.struct("mm_struct").orElseThrow().size(), shallowMm.size());
        assertEquals(task, btf.struct("struct task_struct").orElseThrow());

        BpftoolDump dump = bpftool();
        Map<String, Integer> expected = dump.byteOffsets(dump.named("STRUCT", "task_struct"));
        for (String name : List.of("pid", "tgid", "comm", "real_parent", "mm"))
            assertEquals(expected.get(name), field(task, name).offset(), name);
        assertEquals(dump.named("STRUCT", "task_struct").attr("size"), task.size());
    }

    @Test void pathAndTypedefAndFunction() {
        Record path = btf.struct("path").orElseThrow();
        assertEquals("dentry", ((Record) ((Pointer) field(path, "dentry").type()).target()).name());
        assertEquals(Int.S32, btf.typedef("pid_t").orElseThrow());
        assertEquals(Int.U64, btf.typedef("size_t").orElseThrow());

        Btf.FuncProto read = btf.function("vfs_read").orElseThrow();
        assertEquals(List.of("file", "buf", "count", "pos"), read.params().stream().map(Btf.FuncProto.Param::name).toList());
        assertEquals("file", ((Record) ((Pointer) read.params().get(0).type()).target()).name());
        assertEquals(Int.S8, ((Pointer) read.params().get(1).type()).target());
        assertEquals(Int.U64, read.params().get(2).type());
        assertEquals(new Pointer(Int.S64, false), read.params().get(3).type());
        assertEquals(Int.S64, read.returnType());
    }

    /** fentry programs are loaded against these ids, so they must be the kernel's own. */
    @Test void functionIdsAndNamesMatchBpftool() {
        assertEquals(bpftool().named("FUNC", "vfs_read").id(), btf.functionId("vfs_read").orElseThrow());
        List<String> names = btf.functionNames();
        long distinct = bpftool().types.values().stream().filter(e -> e.kind().equals("FUNC")).map(BpftoolDump.Entry::name).distinct().count();
        assertEquals(distinct, names.size());
        assertTrue(names.contains("vfs_read") && names.contains("do_nanosleep"), "vfs_read, do_nanosleep");
        assertEquals(names.stream().sorted().toList(), names);
    }

    @Test void unionLookup() {
        Record attr = btf.struct("union bpf_attr").orElseThrow();
        assertEquals(bpftool().named("UNION", "bpf_attr").attr("size"), attr.size());
        assertTrue(attr.fields().stream().allMatch(f -> f.offset() < attr.size()));
        assertTrue(btf.struct("bpf_attr").isPresent(), "a bare union name is found too");
    }

    /** sk_buff keeps next/prev, dev and tstamp inside anonymous unions and structs. */
    @Test void anonymousMembersAreFlattened() {
        Record skb = btf.struct("sk_buff").orElseThrow();
        BpftoolDump dump = bpftool();
        Map<String, Integer> expected = dump.byteOffsets(dump.named("STRUCT", "sk_buff"));
        for (String name : List.of("next", "prev", "dev", "tstamp", "len", "sk"))
            assertEquals(expected.get(name), field(skb, name).offset(), name);
        assertTrue(dump.named("STRUCT", "sk_buff").members().stream().noneMatch(m -> m.name().equals("dev")),
                "dev sits in an anonymous member, so this checks flattening");
    }

    @Test void unknownNamesAreEmpty() {
        assertTrue(btf.struct("no_such_struct_xyz").isEmpty());
        assertTrue(btf.struct("union task_struct").isEmpty());
        assertTrue(btf.typedef("no_such_typedef_xyz").isEmpty());
        assertTrue(btf.function("no_such_function_xyz").isEmpty());
        assertTrue(btf.function("task_struct").isEmpty());
    }

    /** Every uniquely named struct and union: same size and same field offsets as bpftool reports. */
    @Test void allRecordsMatchBpftool() {
        BpftoolDump dump = bpftool();
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (String kind : List.of("STRUCT", "UNION")) {
            for (BpftoolDump.Entry e : dump.uniquelyNamed(kind)) {
                Record r = btf.struct(kind.toLowerCase() + " " + e.name()).orElseThrow();
                Map<String, Integer> actual = new LinkedHashMap<>();
                r.fields().forEach(f -> actual.put(f.name(), f.offset()));
                if (r.size() != e.attr("size") || !actual.equals(dump.byteOffsets(e))) mismatches.add(kind + " " + e.name());
                checked++;
            }
        }
        assertTrue(checked > 5000, "checked " + checked);
        assertEquals(List.of(), mismatches);
    }

    private static Type.Field field(Record r, String name) {
        return r.field(name).orElseThrow(() -> new AssertionError(r.name() + " has no field " + name));
    }
}
