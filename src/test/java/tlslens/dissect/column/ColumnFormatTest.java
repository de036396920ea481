package tlslens.dissect.column;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Wireshark's gui.column.format: read, written back the same, and refused when malformed. */
class ColumnFormatTest {
    @Test
    void readsBuiltInAndCustomColumns() {
        List<ColumnSpec> c = ColumnFormat.parse("\"No.\", \"%m\", \"Src\",\"%rs\",\"SNI\",\"%Cus:tls.handshake.extensions_server_name\","
                + "\"Type\",\"%Cus:tls.handshake.type:2:U\",\"Either\",\"%Cus:tls.handshake.type or tcp.stream:-1:R\"");
        assertEquals(List.of(ColumnKind.NUMBER, ColumnKind.SOURCE, ColumnKind.CUSTOM, ColumnKind.CUSTOM, ColumnKind.CUSTOM),
                c.stream().map(ColumnSpec::kind).toList());
        assertEquals("Src", c.get(1).title());
        assertEquals(ColumnSpec.custom("SNI", "tls.handshake.extensions_server_name"), c.get(2));
        assertEquals(2, c.get(3).occurrence());
        assertFalse(c.get(3).resolved());
        assertEquals(List.of("tls.handshake.type", "tcp.stream"), c.get(4).fields());
        assertEquals(-1, c.get(4).occurrence());
    }

    @Test
    void writesWhatItReads() {
        List<ColumnSpec> c = List.of(ColumnSpec.builtIn("No.", ColumnKind.NUMBER),
                new ColumnSpec("A \"quoted\" title", ColumnKind.CUSTOM, "tcp.stream", 1, false),
                ColumnSpec.custom("SNI", "tls.handshake.extensions_server_name"));
        String text = ColumnFormat.format(c);
        assertEquals("\"No.\",\"%m\",\"A \\\"quoted\\\" title\",\"%Cus:tcp.stream:1:U\","
                + "\"SNI\",\"%Cus:tls.handshake.extensions_server_name:0:R\"", text);
        assertEquals(c, ColumnFormat.parse(text));
        assertEquals(ColumnFormat.DEFAULT, ColumnFormat.parse(ColumnFormat.format(ColumnFormat.DEFAULT)));
    }

    @Test
    void refusesMalformedPreferences() {
        assertThrows(IllegalArgumentException.class, () -> ColumnFormat.parse("\"No.\",\"%m\",\"Lonely\""));
        assertThrows(IllegalArgumentException.class, () -> ColumnFormat.parse("\"X\",\"%zz\""));
        assertThrows(IllegalArgumentException.class, () -> ColumnFormat.parse("\"X\",\"%Cus:\""));
        assertThrows(IllegalArgumentException.class, () -> ColumnFormat.parse("\"X\",\"%Cus:tcp.port:x\""));
        assertThrows(IllegalArgumentException.class, () -> ColumnFormat.parse("\"X,\"%m\""));
    }
}
