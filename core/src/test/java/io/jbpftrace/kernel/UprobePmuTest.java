package io.jbpftrace.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UprobePmuTest {

    @Test void formatSpecsGiveTheirFirstBit() throws IOException {
        assertEquals(0, UprobePmu.configBit("config:0"));
        assertEquals(32, UprobePmu.configBit("config:32-63"));
        assertThrows(IOException.class, () -> UprobePmu.configBit("config1:0-63"));
    }

    @Test void readsSysfs() throws IOException {
        Path dir = Files.createTempDirectory("pmu");
        Files.createDirectories(dir.resolve("format"));
        Files.writeString(dir.resolve("type"), "9\n");
        Files.writeString(dir.resolve("format/retprobe"), "config:3\n");
        assertEquals(new UprobePmu(9, 8, -1), UprobePmu.read(dir));
        assertThrows(IOException.class, () -> UprobePmu.read(dir).config(false, 0x3048), "no semaphore support");
        Files.writeString(dir.resolve("format/ref_ctr_offset"), "config:32-63\n");
        UprobePmu pmu = UprobePmu.read(dir);
        assertEquals(new UprobePmu(9, 8, 32), pmu);
        assertEquals(8 | 0x3048L << 32, pmu.config(true, 0x3048));
        assertEquals(0, pmu.config(false, 0));
    }

    @Test void thisKernelHasOne() throws IOException {
        UprobePmu pmu = UprobePmu.read(UprobePmu.SYSFS);
        assertTrue(pmu.type() > 5, "a dynamic PMU type: " + pmu.type());
        assertEquals(1, pmu.retprobeConfig());
    }
}
