package tlslens.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** Interface addresses are listed as Wireshark writes them (one formatter with the dissector). */
class LiveCaptureAddressTextTest {
    @Test
    void addressesReadAsInWireshark() throws Exception {
        assertEquals("127.0.0.1", LiveCapture.addressText(InetAddress.getByName("127.0.0.1")));
        assertEquals("::1", LiveCapture.addressText(InetAddress.getByName("::1")));
        // Java prints "0:0:0:0:0:ffff:c000:201" for an IPv4-mapped Inet6Address; Wireshark the dotted form.
        byte[] mapped = HexFormat.of().parseHex("00000000000000000000ffffc0000201");
        assertEquals("::ffff:192.0.2.1", LiveCapture.addressText(Inet6Address.getByAddress(null, mapped, -1)));
    }
}
