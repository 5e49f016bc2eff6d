package io.jbpftrace.provider.usdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jbpftrace.testsupport.Commands;
import io.jbpftrace.elf.StapsdtNote;
import io.jbpftrace.elf.StapsdtNotes;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Core's .note.stapsdt reader on the gcc-built target, checked against readelf. */
class StapsdtNotesOnTargetTest {

    @Test void notesOfTheOptimizedTarget() throws Exception {
        Path prog = UsdtProgram.optimized();
        StapsdtNotes notes = StapsdtNotes.read(prog);
        List<String> names = notes.notes().stream().map(n -> n.provider() + ":" + n.name()).toList();
        assertEquals(List.of("myprov:myprobe", "myprov:sizes", "otherprov:point", "myprov:guarded"), names);
        StapsdtNote myprobe = notes.notes().get(0);
        assertEquals(2, myprobe.arguments().split(" ").length, myprobe.arguments());
        assertTrue(myprobe.arguments().startsWith("-4@"), myprobe.arguments());
        assertFalse(myprobe.hasSemaphore());
        assertTrue(notes.semaphoreFileOffset(myprobe).isEmpty());
        assertTrue(notes.notes().get(1).arguments().endsWith("-4@$42"), notes.notes().get(1).arguments());

        String readelf = Commands.run(List.of("readelf", "-n", "-S", "-W", prog.toString()));
        StapsdtNote guarded = notes.notes().get(3);
        assertTrue(guarded.hasSemaphore());
        assertEquals(hex(readelf, "Name: guarded\\s+Location: 0x([0-9a-f]+)"), guarded.pc());
        assertEquals(hex(readelf, "Name: guarded\\s+Location: 0x[0-9a-f]+, Base: 0x([0-9a-f]+)"), guarded.base());
        assertEquals(hex(readelf, "Name: guarded\\s+Location: 0x[0-9a-f]+, Base: 0x[0-9a-f]+, Semaphore: 0x([0-9a-f]+)"), guarded.semaphore());
        // .probes holds the semaphore: its file offset is the section's offset plus the distance into it.
        Matcher probes = Pattern.compile("\\.probes\\s+PROGBITS\\s+([0-9a-f]+)\\s+([0-9a-f]+)").matcher(readelf);
        assertTrue(probes.find(), readelf);
        long sectionAddr = Long.parseLong(probes.group(1), 16), sectionOffset = Long.parseLong(probes.group(2), 16);
        assertEquals(guarded.semaphore() - sectionAddr + sectionOffset, notes.semaphoreFileOffset(guarded).orElseThrow());
        assertEquals(guarded.pc(), notes.address(guarded), "not prelinked: no base adjustment");
        String objdump = Commands.run(List.of("objdump", "-d", "-F", "--start-address=0x" + Long.toHexString(guarded.pc()),
                "--stop-address=0x" + Long.toHexString(guarded.pc() + 1), prog.toString()));
        assertTrue(objdump.contains("nop"), objdump);
    }

    @Test void memoryOperandsAtO0AndTheLibrarysProbe() throws Exception {
        StapsdtNotes o0 = StapsdtNotes.read(UsdtProgram.unoptimized());
        assertTrue(o0.notes().get(0).arguments().matches("-4@-\\d+\\(%rbp\\) 8@-\\d+\\(%rbp\\)"), o0.notes().get(0).arguments());
        StapsdtNotes lib = StapsdtNotes.read(UsdtProgram.library());
        assertEquals(1, lib.notes().size());
        assertEquals("mylib", lib.notes().get(0).provider());
        assertEquals("libprobe", lib.notes().get(0).name());
    }

    private static long hex(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in\n" + text);
        return Long.parseLong(m.group(1), 16);
    }
}
