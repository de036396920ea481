package tlslens.dissect.tls.names;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NameTableTest {
    private static final NameTable T = NameTable.parse(2, true, false, """
            # a comment
            0x0001 one
            2 two words

            *0x0300 iana only
            =0x0001 uno
            """);

    @Test
    void parsesNamesMarksAndOverrides() {
        assertEquals("one", T.name(1));
        assertEquals("two words", T.name(2));
        assertEquals("iana only", T.name(0x300));
        assertNull(T.wiresharkName(0x300));
        assertEquals("one", T.wiresharkName(1));
        assertEquals("uno", T.ianaName(1));
        assertEquals("two words", T.ianaName(2));
        assertTrue(T.inWireshark(2));
        assertFalse(T.inWireshark(0x300));
        assertEquals(3, T.size());
        assertEquals(2, T.width());
        assertNull(T.name(3));
    }

    @Test
    void greaseOnlyWhereAsked() {
        assertEquals("Reserved (GREASE)", T.name(0x2a2a));
        assertNull(T.wiresharkName(0x2a2a));
        assertNull(NameTable.parse(2, "1 x").name(0x2a2a));
    }

    @Test
    void unknownIsHexPaddedToTheWidth() {
        assertEquals("Unknown (0x0003)", T.nameOrUnknown(3));
        assertEquals("one", T.nameOrUnknown(1));
        assertEquals("Unknown (0x07)", ContentTypes.nameOrUnknown(7));
        assertEquals("Unknown (0xfd)", HandshakeTypes.nameOrUnknown(0xfd));
        assertEquals("Unknown (0x1308)", CipherSuites.nameOrUnknown(0x1308));
        assertEquals("Unknown (0x0a0b)", NamedGroups.nameOrUnknown(0x0a0b));
        assertEquals("Unknown (0x123456)", Ssl2CipherSpecs.nameOrUnknown(0x123456));
        assertEquals("Unknown (0x12345)", NameTable.unknown(0x12345, 2));
    }

    @Test
    void rejectsBadTables() {
        assertThrows(IllegalArgumentException.class, () -> NameTable.parse(1, "1 a\n1 b"));
        assertThrows(IllegalArgumentException.class, () -> NameTable.parse(1, "justone"));
        assertThrows(NumberFormatException.class, () -> NameTable.parse(1, "x1 a"));
    }
}
