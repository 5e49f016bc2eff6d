package io.jbpftrace.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import io.jbpftrace.bpf.Helper;
import io.jbpftrace.bpf.Insn;
import io.jbpftrace.btf.Btf;
import io.jbpftrace.passes.Compiler;
import io.jbpftrace.passes.MapInfo;
import io.jbpftrace.registry.ProviderRegistry;
import io.jbpftrace.runtime.BeginEndProvider;
import io.jbpftrace.spi.Kernel;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Size of the code of the common aggregations (bench kcost: every instruction runs per event). The
 * counts are golden: a change must be deliberate (update them, and say why in the commit).
 */
class AggregationCodeTest {
    private static final Insn SAVE_CTX = new Insn(0xbf, 6, 1, 0, 0); // r6 = r1

    private static Compiler.Result compile(String script) {
        ProviderRegistry registry = new ProviderRegistry(List.of(new BeginEndProvider()));
        return new Compiler(registry, mock(Kernel.class)).compile("stdin", script, List.of());
    }

    private static List<Insn> insns(String script) { return compile(script).programs().get(0).insns(); }

    /** comm by BTF: a call and two 8-byte copies; by the helper: pointer, size, call. */
    private static final int COMM = Files.exists(Btf.VMLINUX) ? 5 : 4;

    @Test void countByComm() {
        // comm, lookup (5 + null check), in place (4), first value + update (9), exit (2); the kernel
        // inlines the hash lookup into 4 more (the tracepoint version's xlated code: 30, bpftrace 0.17's 31)
        List<Insn> code = insns("BEGIN { @[comm] = count(); }");
        assertEquals(COMM + 21, code.size());
        if (COMM == 5) assertEquals(new Insn(0x85, 0, 0, 0, Helper.GET_CURRENT_TASK_BTF.id), code.get(0));
    }

    @Test void sumByPidAndComm() {
        assertEquals(COMM + 27, insns("BEGIN { @[pid, comm] = sum(5); }").size()); // xlated from args->count: 36, bpftrace 39
    }

    @Test void keylessHistogramInABucketArray() {
        // argument (2), bucket (25), u32 store, lookup (5), null check, increment (3), exit (2): no
        // hashing, no insert path
        assertEquals(40, insns("BEGIN { @ = hist(5); }").size());
        MapInfo array = compile("BEGIN { @ = hist(5); }").analysis().map("@");
        assertTrue(array.bucketArray());
        assertEquals(4, array.keySize());
        assertEquals(66, array.histBuckets());
        assertEquals(12, compile("BEGIN { @ = lhist(5, 0, 100, 10); }").analysis().map("@").histBuckets());
    }

    /** Where an array could print differently from bpftrace's hash map, the hash map stays. */
    @Test void keylessHistogramsThatStayHashMaps() {
        for (String script : List.of("BEGIN { @ = hist(5); zero(@); }", "BEGIN { @ = hist(5); delete(@); }",
                "BEGIN { @ = hist(5); $n = len(@); }", "config = { max_map_keys = 65 } BEGIN { @ = hist(5); }")) {
            MapInfo hash = compile(script).analysis().map("@");
            assertFalse(hash.bucketArray(), script);
            assertEquals(8, hash.keySize(), script); // the bucket alone
        }
        assertTrue(compile("config = { max_map_keys = 66 } BEGIN { @ = hist(5); }").analysis().map("@").bucketArray());
        assertFalse(compile("BEGIN { @[1] = hist(5); }").analysis().map("@").bucketArray());
        assertEquals(16, compile("BEGIN { @[1] = hist(5); }").analysis().map("@").keySize());
    }

    @Test void theContextIsSavedOnlyWhenRead() {
        assertNotEquals(SAVE_CTX, insns("BEGIN { @[comm] = count(); }").get(0));
        // a for loop spills the context for its callback
        assertEquals(SAVE_CTX, insns("BEGIN { @m[1] = 1; for ($kv : @m) { print($kv); } }").get(0));
    }
}
