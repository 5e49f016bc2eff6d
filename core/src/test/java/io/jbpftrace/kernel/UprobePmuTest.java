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
        assertEquals(new UprobePmu(9, 8), UprobePmu.read(dir));
    }

    @Test void thisKernelHasOne() throws IOException {
        UprobePmu pmu = UprobePmu.read(UprobePmu.SYSFS);
        assertTrue(pmu.type() > 5, "a dynamic PMU type: " + pmu.type());
        assertEquals(1, pmu.retprobeConfig());
    }
}
