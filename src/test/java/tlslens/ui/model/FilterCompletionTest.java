package tlslens.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tlslens.dissect.registry.FieldRegistry;
import tlslens.dissect.ProtoNode;

/** The filter bar's completion and the status bar's words for a tree item, without a screen. */
class FilterCompletionTest {
    @Test
    void theWordAtTheCaretIsCompletedFromTheRegistry() {
        String text = "tcp.port == 443 && tls.handshake.extensions_serv";
        FilterCompletion.Suggestions s = FilterCompletion.at(text, text.length());
        assertEquals(19, s.start());
        assertTrue(s.names().contains("tls.handshake.extensions_server_name"), s.names().toString());
        for (String n : s.names()) assertTrue(FieldRegistry.byName(n) != null && n.startsWith("tls.handshake.extensions_serv"), n);
        FilterCompletion.Edit e = FilterCompletion.accept(text, s, "tls.handshake.extensions_server_name");
        assertEquals("tcp.port == 443 && tls.handshake.extensions_server_name", e.text());
        assertEquals(e.text().length(), e.caret());
    }

    @Test
    void protocolsComeFirst() {
        FilterCompletion.Suggestions s = FilterCompletion.at("t", 1);
        assertTrue(s.names().indexOf("tls") >= 0 && s.names().indexOf("tls") < s.names().indexOf("tcp.port"), s.names().toString());
    }

    @Test
    void noNamesForValuesStringsAndOperators() {
        assertTrue(FilterCompletion.at("tls.record.version == 0x03", 26).isEmpty());
        assertTrue(FilterCompletion.at("tls.handshake.extensions_server_name == \"tls", 44).isEmpty());
        assertTrue(FilterCompletion.at("tls and", 7).isEmpty());
        assertTrue(FilterCompletion.at("", 0).isEmpty());
    }

    @Test
    void aTreeItemIsNamedAsWiresharkNamesIt() {
        ProtoNode n = new ProtoNode(FieldRegistry.byName("tls.handshake.extensions_server_name"), "example.com", null, 0, 100, 11);
        assertEquals("Server Name (tls.handshake.extensions_server_name), 11 bytes", FieldStatus.of(n));
        assertEquals("", FieldStatus.of(new ProtoNode(null, null, "text", 0, 0, 3)));
    }
}
