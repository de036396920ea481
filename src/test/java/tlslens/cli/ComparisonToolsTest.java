package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The golden comparisons must see every difference (else a 100% would mean nothing). */
class ComparisonToolsTest {

    @Test
    void fieldComparisonCountsCellsAndFindsDifferences() {
        String tshark = "frame.number\ttls.handshake.type\n1\t\n2\t1\n3\t2,11\n";
        FieldComparison same = FieldComparison.compare("x", tshark, tshark, KnownDivergences.none());
        assertTrue(same.agrees());
        assertEquals(6, same.compared);
        assertEquals(6, same.equal);

        FieldComparison diff = FieldComparison.compare("x", tshark, "frame.number\ttls.handshake.type\n1\t\n2\t1\n3\t2\n",
                KnownDivergences.none());
        assertFalse(diff.agrees());
        assertEquals(5, diff.equal);
        assertEquals("frame 3 tls.handshake.type: tshark \"2,11\", tlslens \"2\"", diff.first.get(0).toString());

        FieldComparison missingRow = FieldComparison.compare("x", tshark, "frame.number\ttls.handshake.type\n1\t\n",
                KnownDivergences.none());
        assertEquals(6, missingRow.compared);
        assertEquals(2, missingRow.equal);

        FieldComparison header = FieldComparison.compare("x", tshark, "frame.number\n1\n", KnownDivergences.none());
        assertFalse(header.agrees());
    }

    @Test
    void lineDiffAlignsAroundInsertedLines() {
        List<String> d = LineDiff.diff(List.of("a", "b", "c", "d"), List.of("a", "x", "b", "c"));
        assertEquals(List.of(" a", "+x", " b", " c", "-d"), d);
    }

    @Test
    void tlsBlocksOfATextTree() {
        String text = "Frame 4: 220 bytes on wire\nEthernet II\n    Destination: x\nTransport Layer Security\n"
                + "    TLSv1.2 Record Layer: Handshake Protocol: Client Hello\n        Content Type: Handshake (22)\n"
                + "\nFrame 5: 66 bytes\nTransmission Control Protocol\n\n";
        var blocks = OtlsComparisonTest.tlsBlocks(text);
        assertEquals(List.of("4", "5"), List.copyOf(blocks.keySet()));
        assertEquals(List.of("Transport Layer Security", "    TLSv1.2 Record Layer: Handshake Protocol: Client Hello",
                "        Content Type: Handshake (22)"), blocks.get("4"));
        assertEquals(List.of(), blocks.get("5"));
    }
}
