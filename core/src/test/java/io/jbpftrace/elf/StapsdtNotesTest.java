package io.jbpftrace.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StapsdtNotesTest {
    private static final Path FILE = Path.of("/x");

    @Test void parsesNotesAndSkipsOtherOwners() throws ElfException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        note(data, "stapsdt", 3, 0x1130, 0x2004, 0, "prov", "plain", "-4@%edi 8@-16(%rbp)");
        note(data, "GNU", 3, 1, 2, 3, "not", "sdt", "");
        note(data, "stapsdt", 3, 0x1140, 0x2004, 0x4010, "prov", "guarded", "");
        List<StapsdtNote> notes = StapsdtNotes.parse(data.toByteArray(), FILE);
        assertEquals(List.of(new StapsdtNote("prov", "plain", 0x1130, 0x2004, 0, "-4@%edi 8@-16(%rbp)"),
                new StapsdtNote("prov", "guarded", 0x1140, 0x2004, 0x4010, "")), notes);
    }

    @Test void truncatedNotesAreAnError() {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        note(data, "stapsdt", 3, 0x1130, 0x2004, 0, "prov", "plain", "");
        byte[] cut = java.util.Arrays.copyOf(data.toByteArray(), data.size() - 8);
        assertThrows(ElfException.class, () -> StapsdtNotes.parse(cut, FILE));
    }

    /** A prelinked file: sections moved by 0x1000 since the note was written against base 0x2004. */
    @Test void prelinkMovesEveryAddressByTheBaseDelta() {
        StapsdtNote n = new StapsdtNote("prov", "guarded", 0x1140, 0x2004, 0x4010, "");
        List<LoadSegment> segments = List.of(new LoadSegment(0, 0, 0x3000, 0x3000, true),
                new LoadSegment(0x3000, 0x5000, 0x100, 0x200, false));
        StapsdtNotes moved = new StapsdtNotes(FILE, List.of(n), 0x3004, segments);
        assertEquals(0x2140, moved.address(n));
        assertEquals(OptionalLong.of(0x2140), moved.fileOffset(n));
        assertEquals(0x5010, moved.semaphoreAddress(n));
        assertEquals(OptionalLong.of(0x3010), moved.semaphoreFileOffset(n));
        StapsdtNotes inPlace = new StapsdtNotes(FILE, List.of(n), 0x2004, segments);
        assertEquals(0x1140, inPlace.address(n));
        assertTrue(inPlace.semaphoreFileOffset(n).isEmpty(), "0x4010 is not in any segment's file bytes");
    }

    private static void note(ByteArrayOutputStream out, String owner, int type, long pc, long base, long sem,
                             String provider, String name, String args) {
        byte[] ownerBytes = (owner + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] strings = (provider + "\0" + name + "\0" + args + "\0").getBytes(StandardCharsets.US_ASCII);
        int descSize = 24 + strings.length;
        ByteBuffer b = ByteBuffer.allocate(12 + pad(ownerBytes.length) + pad(descSize)).order(ByteOrder.nativeOrder());
        b.putInt(ownerBytes.length).putInt(descSize).putInt(type).put(ownerBytes);
        b.position(12 + pad(ownerBytes.length));
        b.putLong(pc).putLong(base).putLong(sem).put(strings);
        out.writeBytes(b.array());
    }

    private static int pad(int n) { return (n + 3) & ~3; }
}
