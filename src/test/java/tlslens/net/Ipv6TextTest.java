package tlslens.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** RFC 5952 section 4 and 5 forms, as Wireshark prints them. */
class Ipv6TextTest {
    private static String text(String hex) { return Ipv6Text.compress(HexFormat.of().parseHex(hex)); }

    @Test
    void longestRunOfZeroGroupsBecomesDoubleColon() {
        assertEquals("::1", text("00000000000000000000000000000001"));
        assertEquals("::", text("00000000000000000000000000000000"));
        assertEquals("2001:db8::1", text("20010db8000000000000000000000001"));
        assertEquals("2001:db8:0:1:1:1:1:1", text("20010db8000000010001000100010001"), "one zero group stays");
        assertEquals("2001:0:0:1::1", text("20010000000000010000000000000001"), "the longer run is cut");
        assertEquals("fe80::fc:ff:fe00:1", text("fe8000000000000000fc00fffe000001"));
    }

    @Test
    void ipv4MappedAddressesKeepTheDottedQuad() {
        assertEquals("::ffff:192.0.2.1", text("00000000000000000000ffffc0000201"));
    }
}
