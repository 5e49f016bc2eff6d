package io.jbpftrace.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are what glibc's inet_ntop printed for the same bytes on this machine. */
class InetTextTest {
    @ParameterizedTest
    @CsvSource({
        "7f000001, 127.0.0.1",
        "00000000, 0.0.0.0",
        "00000000000000000000ffff7f000001, ::ffff:127.0.0.1",
        "00000000000000000000ffff00000000, ::ffff:0.0.0.0",
        "00000000000000000000000001010102, ::1.1.1.2",
        "00000000000000000000000000010001, ::0.1.0.1",
        "00000000000000000000000000000001, ::1",
        "00000000000000000000000000000000, ::",
        "20010db8000000000000000000000001, 2001:db8::1",
        "00010000000000020000000000000003, 1:0:0:2::3",
        "fe800000000000000001000000000000, fe80::1:0:0:0",
        "00010000000000020000000000030004, 1::2:0:0:3:4",
        "00010000000200000003000000040000, 1:0:2:0:3:0:4:0",
        "00010000000200030004000500060007, 1:0:2:3:4:5:6:7",
        "00010002000300040005000600070008, 1:2:3:4:5:6:7:8",
        "00010002000300040005000600070000, 1:2:3:4:5:6:7:0",
        "00010002000300040005000600000000, 1:2:3:4:5:6::",
    })
    void writesAddressesAsInetNtop(String hex, String text) {
        assertEquals(text, InetText.of(HexFormat.of().parseHex(hex)));
    }
}
