package io.jbpftrace.btf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemberScanTest {
    @TempDir Path dir;

    /** char[16] comm at byte 24 of task, after an int, an array of another length and a bitfield struct. */
    private Path blob(ByteOrder order) throws IOException {
        BtfBuilder b = new BtfBuilder();
        int u32 = b.add(BtfKind.INT, false, 0, "unsigned int", 4, 32);
        int chr = b.add(BtfKind.INT, false, 0, "char", 1, 8);
        int arr8 = b.add(BtfKind.ARRAY, false, 0, "", 0, chr, u32, 8);
        int arr16 = b.add(BtfKind.ARRAY, false, 0, "", 0, chr, u32, 16);
        // a struct with the kind flag: bitfield size in the top 8 bits of each offset
        b.add(BtfKind.STRUCT, true, 2, "flags", 4, b.string("a"), u32, (3 << 24), b.string("comm"), u32, (5 << 24) | 3);
        b.add(BtfKind.STRUCT, false, 4, "task", 40, b.string("pid"), u32, 0, b.string("name"), arr8, 64,
                b.string("comm"), arr16, 192, b.string("tail"), arr8, 320);
        b.add(BtfKind.STRUCT, false, 1, "other", 16, b.string("comm"), arr8, 0);
        Path file = dir.resolve("btf-" + order);
        ByteBuffer buf = b.build(order);
        Files.write(file, buf.array());
        return file;
    }

    @Test
    void findsTheArrayMembersByteOffset() throws IOException {
        assertEquals(OptionalInt.of(24), MemberScan.arrayMemberOffset(blob(ByteOrder.LITTLE_ENDIAN), "task", "comm", 16));
        assertEquals(OptionalInt.of(8), MemberScan.arrayMemberOffset(blob(ByteOrder.LITTLE_ENDIAN), "task", "name", 8));
    }

    @Test
    void emptyWhenTheMemberIsMissingOrOfAnotherShape() throws IOException {
        Path file = blob(ByteOrder.LITTLE_ENDIAN);
        assertEquals(OptionalInt.empty(), MemberScan.arrayMemberOffset(file, "task", "nothing", 16));
        assertEquals(OptionalInt.empty(), MemberScan.arrayMemberOffset(file, "nostruct", "comm", 16));
        assertEquals(OptionalInt.empty(), MemberScan.arrayMemberOffset(file, "other", "comm", 16)); // char[8]
        assertEquals(OptionalInt.empty(), MemberScan.arrayMemberOffset(file, "task", "pid", 16)); // not an array
        assertEquals(OptionalInt.empty(), MemberScan.arrayMemberOffset(file, "flags", "comm", 16)); // bit 3
    }

    @Test
    void emptyForWhatIsNotLittleEndianBtf() throws IOException {
        assertEquals(OptionalInt.empty(), MemberScan.arrayMemberOffset(blob(ByteOrder.BIG_ENDIAN), "task", "comm", 16));
        assertEquals(OptionalInt.empty(), MemberScan.arrayMemberOffset(Files.write(dir.resolve("junk"), new byte[100]), "task", "comm", 16));
        assertEquals(OptionalInt.empty(), MemberScan.arrayMemberOffset(dir.resolve("missing"), "task", "comm", 16));
    }

    /** The streaming scan agrees with the full BTF tables on the running kernel. */
    @Test
    void agreesWithTheFullParseOnThisKernel() {
        assumeTrue(Files.isReadable(Btf.VMLINUX), "no kernel BTF on this machine");
        int full = Btf.vmlinux().struct("task_struct").flatMap(t -> t.field("comm")).orElseThrow().offset();
        assertEquals(OptionalInt.of(full), MemberScan.arrayMemberOffset(Btf.VMLINUX, "task_struct", "comm", 16));
        assertEquals(OptionalInt.of(full), TaskComm.offset());
    }
}
