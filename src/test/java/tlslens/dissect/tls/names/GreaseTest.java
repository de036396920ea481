package tlslens.dissect.tls.names;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GreaseTest {

    @Test
    void recognisesExactlyTheSixteenRfc8701Values() {
        int n = 0;
        for (int c = 0; c <= 0xffff; c++) {
            if (Grease.isGrease(c)) {
                n++;
                assertEquals(0x0a0a, c & 0x0f0f);
                assertEquals(c >> 8, c & 0xff);
            }
        }
        assertEquals(16, n);
        assertTrue(Grease.isGrease(0x0a0a));
        assertTrue(Grease.isGrease(0xfafa));
        assertFalse(Grease.isGrease(0x0a1a));
        assertFalse(Grease.isGrease(0x1a0a));
        assertFalse(Grease.isGrease(0x0a0b));
        assertFalse(Grease.isGrease(0x0a));
        assertFalse(Grease.isGrease(0x10a0a));
        assertFalse(Grease.isGrease(-1));
    }

    @Test
    void greaseNamesWhereTsharkHasThem() {
        for (int c = 0x0a0a; c <= 0xfafa; c += 0x1010) {
            assertEquals("Reserved (GREASE)", CipherSuites.name(c));
            assertEquals("Reserved (GREASE)", CipherSuites.wiresharkName(c));
            assertEquals("Reserved (GREASE)", ExtensionTypes.wiresharkName(c));
            assertEquals("Reserved (GREASE)", NamedGroups.wiresharkName(c));
            assertEquals("Reserved (GREASE)", TlsVersions.wiresharkName(c));
            // tshark 4.0 reads a GREASE signature scheme as an unknown hash/signature pair.
            assertEquals("Reserved (GREASE)", SignatureSchemes.name(c));
            assertEquals("Unknown Unknown", SignatureSchemes.wiresharkName(c));
        }
        assertNull(ContentTypes.name(0x0a));
        assertNull(CompressionMethods.name(0x0a0a));
    }
}
