package tlslens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** The printers' layouts on a hand-built tree (tshark's rules, taken from its print.c and output). */
class PrinterTest {

    private static String capture(Function<PrintStream, FramePrinter> make, int frames) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, false, StandardCharsets.UTF_8);
        FramePrinter p = make.apply(out);
        p.begin();
        for (int i = 1; i <= frames; i++) {
            p.print(SyntheticFrame.raw(i, SyntheticFrame.T0.plusNanos(13_000L * (i - 1))), SyntheticFrame.build(i));
        }
        p.end();
        out.flush();
        return buf.toString(StandardCharsets.UTF_8);
    }

    private static Columns columns() {
        Columns c = new Columns(6);
        c.observe(SyntheticFrame.raw(1, SyntheticFrame.T0));
        return c;
    }

    @Test
    void summaryLineHasTsharksWidths() {
        String out = capture(o -> new SummaryPrinter(o, columns()), 2);
        assertEquals("    1   0.000000 192.168.100.70 \u2192 10.0.0.1     TEST 60 Client Hello\n"
                + "    2   0.000013 192.168.100.70 \u2192 10.0.0.1     TEST 60 Client Hello\n", out);
    }

    @Test
    void relativeTimeUsesTheFilesPrecision() {
        Columns nano = new Columns(9);
        nano.observe(SyntheticFrame.raw(1, SyntheticFrame.T0));
        assertEquals("0.000013000", nano.relativeTime(SyntheticFrame.T0.plusNanos(13_000)));
        assertEquals("1.500000", columns().relativeTime(SyntheticFrame.T0.plusMillis(1500)));
        assertEquals("-0.000100", columns().relativeTime(SyntheticFrame.T0.minusNanos(100_000)));
        assertEquals(6, Columns.byFieldName("_ws.col.Info"));
        assertEquals(-1, Columns.byFieldName("_ws.col.def_src"));
    }

    @Test
    void verboseTreeSkipsHiddenItemsAndShowsExperts() {
        String out = capture(o -> new TreePrinter(o, null), 1);
        assertEquals(String.join("\n",
                "Frame 1",
                "    Frame Number: 1",
                "CLI Test Protocol",
                "    Type: Handshake (22)",
                "    Version: 0x0303",
                "    Item List",
                "        Item: 0x0001",
                "        Item: 0x0002",
                "    [Items (2 items)]",
                "    Data: <MISSING>",
                "    Name: a\tb",
                "    [Expert Info (Warning/Protocol): Something odd]",
                "        [Something odd]",
                "        [Severity level: Warning]",
                "        [Group: Protocol]",
                "Other Protocol, Len: 3",
                "    Version: 0x0300",
                "", ""), out);
    }

    @Test
    void onlyListedProtocolsAreExpanded() {
        String out = capture(o -> new TreePrinter(o, Set.of("clitest2")), 2);
        String frame = "Frame %d\nCLI Test Protocol\nOther Protocol, Len: 3\n    Version: 0x0300\n\n";
        assertEquals(String.format(frame, 1) + String.format(frame, 2), out);
    }

    @Test
    void fieldsInTreeOrderWithHiddenItems() {
        FieldOutputOptions o = new FieldOutputOptions();
        o.header = true;
        List<String> fields = List.of("frame.number", "clitest.item", "clitest.list", "clitest", "clitest2",
                "clitest.data", "clitest.name", "_ws.col.Info", "_ws.col.Time", "_ws.expert.message", "clitest.type");
        String out = capture(p -> new FieldsPrinter(p, columns(), fields, o), 1);
        assertEquals(String.join("\t", fields) + "\n"
                + "1\t0x0001,0x0002,0x0002\t1\tclitest\tOther Protocol, Len: 3\t<MISSING>\ta\\tb\tClient Hello\t"
                + "0.000000\tSomething odd\t22\n", out);
    }

    @Test
    void fieldsOccurrenceQuoteAndSeparator() {
        FieldOutputOptions o = new FieldOutputOptions();
        o.separator = ',';
        o.quote = '"';
        o.occurrence = 'l';
        String out = capture(p -> new FieldsPrinter(p, columns(), List.of("clitest.item", "clitest.version",
                "clitest.missing"), o), 1);
        assertEquals("\"0x0002\",\"0x0300\",\n", out);
        o.occurrence = 'f';
        o.aggregator = ' ';
        out = capture(p -> new FieldsPrinter(p, columns(), List.of("clitest.item"), o), 1);
        assertEquals("\"0x0001\"\n", out);
        o.occurrence = 'a';
        out = capture(p -> new FieldsPrinter(p, columns(), List.of("clitest.item"), o), 1);
        assertEquals("\"0x0001 0x0002 0x0002\"\n", out);
    }

    @Test
    void jsonTreeLayout() {
        String out = capture(o -> new JsonPrinter(o, columns(), null, 'a'), 1);
        assertEquals(String.join("\n",
                "[",
                "  {",
                "    \"_index\": \"packets-" + java.time.LocalDate.ofInstant(SyntheticFrame.T0,
                        java.time.ZoneId.systemDefault()) + "\",",
                "    \"_type\": \"doc\",",
                "    \"_score\": null,",
                "    \"_source\": {",
                "      \"layers\": {",
                "        \"frame\": {",
                "          \"frame.number\": \"1\"",
                "        },",
                "        \"clitest\": {",
                "          \"clitest.type\": \"22\",",
                "          \"clitest.version\": \"0x0303\",",
                "          \"clitest.list\": {",
                "            \"clitest.item\": \"0x0001\",",
                "            \"clitest.item\": \"0x0002\"",
                "          },",
                "          \"clitest.item\": \"0x0002\",",
                "          \"Items (2 items)\": \"\",",
                "          \"clitest.data\": \"\",",
                "          \"clitest.name\": \"a\\tb\",",
                "          \"_ws.expert\": {",
                "            \"clitest.odd\": \"\",",
                "            \"_ws.expert.message\": \"Something odd\",",
                "            \"_ws.expert.severity\": \"6291456\",",
                "            \"_ws.expert.group\": \"150994944\"",
                "          }",
                "        },",
                "        \"clitest2\": {",
                "          \"clitest.version\": \"0x0300\"",
                "        }",
                "      }",
                "    }",
                "  }",
                "]",
                ""), out);
    }

    @Test
    void jsonWithFieldsGivesArrays() {
        String out = capture(o -> new JsonPrinter(o, columns(), List.of("clitest.item", "clitest.nothing",
                "frame.number"), 'a'), 2);
        String doc = String.join("\n",
                "  {",
                "    \"_index\": \"packets-" + java.time.LocalDate.ofInstant(SyntheticFrame.T0,
                        java.time.ZoneId.systemDefault()) + "\",",
                "    \"_type\": \"doc\",",
                "    \"_score\": null,",
                "    \"_source\": {",
                "      \"layers\": {",
                "        \"clitest.item\": [",
                "          \"0x0001\",",
                "          \"0x0002\",",
                "          \"0x0002\"",
                "        ],",
                "        \"frame.number\": [",
                "          \"%d\"",
                "        ]",
                "      }",
                "    }",
                "  }");
        assertEquals("[\n" + String.format(doc, 1) + ",\n" + String.format(doc, 2) + "\n]\n", out);
    }

    @Test
    void emptyJsonIsAnEmptyArray() {
        assertEquals("[]\n", capture(o -> new JsonPrinter(o, columns(), null, 'a'), 0));
    }

    @Test
    void jsonEscapesLikeWireshark() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, false, StandardCharsets.UTF_8);
        JsonWriter w = new JsonWriter(out);
        w.beginObject().name("k").value("a\"b\\c</d/e\u0001\u00e9\u2192").name("o").beginObject().endObject().endObject();
        w.finish();
        assertEquals("{\n  \"k\": \"a\\\"b\\\\c<\\/d/e\\u0001\u00e9\u2192\",\n  \"o\": {}\n}\n",
                buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void hexDumpLayout() {
        byte[] b = new byte[20];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (0x41 + i);
        assertEquals(List.of(
                "0000  41 42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f 50   ABCDEFGHIJKLMNOP",
                "0010  51 52 53 54                                       QRST"), HexDump.lines(b, 0, b.length));
    }
}
