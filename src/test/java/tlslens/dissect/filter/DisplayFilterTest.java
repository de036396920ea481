package tlslens.dissect.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.dissect.filter.TestFields.*;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;

class DisplayFilterTest {

    private static boolean m(String filter, ProtoNode root) {
        try {
            return DisplayFilter.compile(filter).matches(root);
        } catch (FilterException e) {
            throw new AssertionError(filter + ": " + e.getMessage() + " at " + e.position(), e);
        }
    }

    private static void yes(ProtoNode root, String... filters) {
        for (String f : filters) assertTrue(m(f, root), f);
    }

    private static void no(ProtoNode root, String... filters) {
        for (String f : filters) assertFalse(m(f, root), f);
    }

    private static byte[] hex(String h) { return HexFormat.of().parseHex(h); }

    private static InetAddress addr(String a) throws Exception { return InetAddress.getByName(a); }

    // ---- presence and logic ----------------------------------------------------------------

    @Test
    void presenceOfFieldsAndProtocols() {
        ProtoNode p = node(PROTO, null);
        p.child(node(U8, 22L));
        p.child(node(LABEL, null));
        ProtoNode root = tree(p);
        yes(root, "fltest", "fltest.u8", "fltest.label", " fltest ");
        no(root, "fltest.u16", "fltest2", "fltest2.sub", "!fltest", "not fltest.u8");
        // "fltest2" is a protocol only by the prefix of its fields: a name, never present itself here.
        yes(tree(node(SUB, 1L)), "fltest2.sub", "!fltest2");
    }

    @Test
    void emptyFilterMatchesEverything() throws Exception {
        DisplayFilter f = DisplayFilter.compile("   ");
        assertTrue(f.matches(ProtoNode.root()));
        assertTrue(f.fields().isEmpty());
        assertTrue(DisplayFilter.compile("").matches(tree(node(U8, 1L))));
    }

    @Test
    void precedenceIsNotThenAndThenOr() {
        ProtoNode root = tree(node(U8, 1L), node(U16, 2L)); // u8 and u16 present, u32 absent
        yes(root, "fltest.u8 or fltest.u16 and fltest.u32", // u8 || (u16 && u32)
                "fltest.u32 and fltest.u16 or fltest.u8",   // (u32 && u16) || u8
                "fltest.u8 || fltest.u32 && fltest.u32",
                "!fltest.u32 && fltest.u8",                 // (!u32) && u8
                "not fltest.u32 and not fltest.u32 or fltest.u32",
                "!(fltest.u32 || !fltest.u8)",
                "((fltest.u8))",
                "!!fltest.u8");
        no(root, "(fltest.u8 or fltest.u16) and fltest.u32",
                "!fltest.u8 || fltest.u32",
                "not (fltest.u8 and fltest.u16)",
                "fltest.u32 && fltest.u8 || fltest.u32");
    }

    // ---- integers ----------------------------------------------------------------------------

    @Test
    void integerComparisonsSymbolsAndWords() {
        ProtoNode root = tree(node(U16, 443L));
        yes(root, "fltest.u16 == 443", "fltest.u16 eq 443", "fltest.u16 any_eq 443",
                "fltest.u16 != 80", "fltest.u16 ne 80", "fltest.u16 all_ne 80",
                "fltest.u16 < 444", "fltest.u16 lt 444", "fltest.u16 <= 443", "fltest.u16 le 443",
                "fltest.u16 > 442", "fltest.u16 gt 442", "fltest.u16 >= 443", "fltest.u16 ge 443",
                "fltest.u16 === 443", "fltest.u16 all_eq 443", "fltest.u16 !== 80", "fltest.u16 ~= 80",
                "fltest.u16 any_ne 80", "fltest.u16==443&&fltest.u16!=1");
        no(root, "fltest.u16 == 80", "fltest.u16 != 443", "fltest.u16 < 443", "fltest.u16 > 443",
                "fltest.u16 <= 442", "fltest.u16 >= 444", "fltest.u16 === 80", "fltest.u16 !== 443");
    }

    @Test
    void integerLiteralForms() {
        ProtoNode root = tree(node(U16, 443L), node(U8, 97L));
        yes(root, "fltest.u16 == 0x1bb", "fltest.u16 == 0X1BB", "fltest.u16 == 0673", "fltest.u16 == 0b110111011",
                "fltest.u8 == 'a'", "fltest.u8 == '\\x61'", "fltest.u8 == '\\141'");
    }

    @Test
    void valueNamesOfIntegerFields() {
        ProtoNode root = tree(node(U8, 22L));
        yes(root, "fltest.u8 == Handshake", "fltest.u8 == handshake", "fltest.u8 == \"Handshake\"",
                "fltest.u8 in {Alert, Handshake}", "fltest.u8 != Alert");
        no(root, "fltest.u8 == \"Application Data\"", "fltest.u8 == Alert");
    }

    @Test
    void unsigned64BitValuesCompareUnsigned() {
        ProtoNode root = tree(node(U64, -1L)); // 0xffffffffffffffff
        yes(root, "fltest.u64 == 18446744073709551615", "fltest.u64 == 0xffffffffffffffff", "fltest.u64 > 1",
                "fltest.u64 > 9223372036854775807");
        no(root, "fltest.u64 < 1");
    }

    @Test
    void framenumAndDoubleFields() {
        ProtoNode root = tree(node(FRAMENUM, 7L), node(DBL, 0.25));
        yes(root, "fltest.frame == 7", "fltest.frame in {1..10}", "fltest.dbl > 0.2", "fltest.dbl == 0.25",
                "fltest.dbl < 1");
        no(root, "fltest.dbl > 0.3");
    }

    // ---- several occurrences -----------------------------------------------------------------

    @Test
    void multipleOccurrencesFollowWireshark36Semantics() {
        ProtoNode root = tree(node(U8, 22L), node(PROTO, null), node(U8, 23L));
        yes(root, "fltest.u8 == 22", "fltest.u8 == 23", "fltest.u8 !== 22", "fltest.u8 ~= 23",
                "fltest.u8 > 22", "fltest.u8 < 23", "fltest.u8 != 21", "fltest.u8 in {23}",
                "fltest.u8 == 22 && fltest.u8 == 23", "count(fltest.u8) == 2");
        // "!=" is all_ne: one occurrence equal to 23 makes it false.
        no(root, "fltest.u8 != 23", "fltest.u8 != 22", "fltest.u8 === 22", "fltest.u8 > 23", "fltest.u8 not in {23}");
        yes(tree(node(U8, 22L), node(U8, 22L)), "fltest.u8 === 22", "fltest.u8 all_eq 22");
    }

    @Test
    void comparisonsOnAbsentFieldsAreFalse() {
        ProtoNode root = tree(node(U16, 1L));
        no(root, "fltest.u8 == 1", "fltest.u8 != 1", "fltest.u8 !== 1", "fltest.u8 === 1", "fltest.u32 < 300",
                "fltest.u8 in {1}", "fltest.str contains \"a\"", "fltest.bytes[0] == 00", "count(fltest.u8) == 0",
                "len(fltest.str) == 0");
        yes(root, "!(fltest.u8 == 1)", "fltest.u8 not in {1}");
    }

    @Test
    void nestedHiddenAndGeneratedNodesCount() {
        ProtoNode p = node(PROTO, null);
        ProtoNode sub = p.child(node(LABEL, null));
        sub.child(node(U8, 21L)).setHidden(true);
        sub.addGenerated(U16, 5L);
        ProtoNode root = tree(p);
        yes(root, "fltest.u8 == Alert", "fltest.u16 == 5", "fltest.label");
    }

    @Test
    void fieldAgainstField() {
        ProtoNode root = tree(node(U8, 22L), node(U16, 22L), node(U32, 1000L));
        yes(root, "fltest.u8 == fltest.u16", "fltest.u32 > fltest.u8", "fltest.u16 in {fltest.u8}",
                "fltest.u8 in {1..fltest.u32}");
        no(root, "fltest.u8 != fltest.u16", "fltest.u32 < fltest.u16");
    }

    // ---- booleans ----------------------------------------------------------------------------

    @Test
    void booleansCompareWithNumbersAndNames() {
        ProtoNode set = tree(node(FLAG, Boolean.TRUE), node(BOOL, Boolean.FALSE));
        yes(set, "fltest.flag", "fltest.flag == 1", "fltest.flag == 2", "fltest.flag == True", "fltest.flag == TRUE",
                "fltest.flag == Set", "fltest.flag == \"Set\"", "fltest.flag != 0", "fltest.flag > 0",
                "fltest.bool == 0", "fltest.bool == False", "fltest.bool == FALSE", "fltest.bool < 1", "fltest.bool");
        no(set, "fltest.flag == 0", "fltest.flag == False", "fltest.flag == \"Not set\"", "fltest.bool == True");
    }

    // ---- bytes ---------------------------------------------------------------------------------

    @Test
    void bytesLiteralsInEveryNotation() {
        ProtoNode root = tree(node(BYTES, hex("160301")));
        yes(root, "fltest.bytes == 16:03:01", "fltest.bytes == 16-03-01", "fltest.bytes == 16.03.01",
                "fltest.bytes == 160301", "fltest.bytes == :16:03:01", "fltest.bytes == \"\\x16\\x03\\x01\"",
                "fltest.bytes > 16:03:00", "fltest.bytes < 16:03:01:00",
                "fltest.bytes != 16:03", "fltest.bytes contains 03:01", "fltest.bytes contains 16",
                "fltest.bytes contains \"\\x03\"", "fltest.bytes matches \"^\\x16\\x03\"", "fltest.bytes & 02");
        no(root, "fltest.bytes == 16:03", "fltest.bytes contains 01:16", "fltest.bytes matches \"^\\x03\"",
                "fltest.bytes & 08:fc");
        yes(tree(node(BYTES, "AbC".getBytes(StandardCharsets.US_ASCII))), "fltest.bytes matches \"(?i)abc\"",
                "fltest.bytes contains \"bC\"", "fltest.bytes contains 'A'");
    }

    @Test
    void etherAddresses() {
        ProtoNode root = tree(node(ETH, hex("00163efddbe1")));
        yes(root, "fltest.eth == 00:16:3e:fd:db:e1", "fltest.eth == 00-16-3e-fd-db-e1", "fltest.eth == 0016.3efd.dbe1",
                "fltest.eth == 00163efddbe1", "fltest.eth contains 3e:fd", "fltest.eth[0:3] == 00:16:3e",
                "fltest.eth > 00:00:00:00:00:01");
        no(root, "fltest.eth == ff:ff:ff:ff:ff:ff");
    }

    // ---- strings -------------------------------------------------------------------------------

    @Test
    void stringsCompareContainAndMatch() {
        ProtoNode root = tree(node(STR, "heise.de"), node(STR, "Example.COM"));
        yes(root, "fltest.str == \"heise.de\"", "fltest.str == heise.de", "fltest.str eq \"Example.COM\"",
                "fltest.str contains \"eise\"", "fltest.str contains eise", "fltest.str matches \"^h.*\\\\.de$\"",
                "fltest.str matches \"(?i)example\\\\.com\"", "fltest.str matches r\"\\.COM$\"",
                "fltest.str > \"a\"", "fltest.str in {\"x\", \"heise.de\"}", "fltest.str[0:2] == \"he\"",
                "fltest.str[0:2] == 68:65", "upper(fltest.str) == \"HEISE.DE\"", "lower(fltest.str) == \"example.com\"",
                "len(fltest.str) == 8", "len(fltest.str) == 11", "fltest.str != \"x\"", "fltest.str contains \"\"");
        no(root, "fltest.str matches \"EXAMPLE\"", "fltest.str == \"HEISE.DE\"", "fltest.str != \"heise.de\"",
                "fltest.str contains \"xyz\"", "upper(fltest.str) contains \"heise\"");
    }

    @Test
    void stringEscapes() {
        ProtoNode root = tree(node(STR, "a\"b\\c\td\u00e9"));
        yes(root, "fltest.str == \"a\\\"b\\\\c\\td\u00e9\"", "fltest.str contains \"\\x09d\"",
                "fltest.str contains \"\\011d\"", "fltest.str contains \"d\\xc3\\xa9\"", "fltest.str contains \"\\\"\"");
    }

    // ---- addresses -----------------------------------------------------------------------------

    @Test
    void ipv4AddressesAndCidr() throws Exception {
        ProtoNode root = tree(node(IP4, addr("192.168.100.70")), node(IP4, addr("193.99.144.80")));
        yes(root, "fltest.ip4 == 192.168.100.70", "fltest.ip4 == 193.99.144.0/24", "fltest.ip4 == 192.168.0.0/16",
                "fltest.ip4 eq 192.0.0.0/8", "fltest.ip4 == 0.0.0.0/0", "fltest.ip4 == 193.99.144.80/32",
                "fltest.ip4 == 192.168.100.64/27", "fltest.ip4 in {10.0.0.0/8, 193.99.144.0/24}",
                "fltest.ip4 > 192.168.100.69", "fltest.ip4 != 10.0.0.0/8", "fltest.ip4[0] == c0",
                "fltest.ip4 in {192.168.100.1..192.168.100.100}");
        no(root, "fltest.ip4 == 10.0.0.0/8", "fltest.ip4 != 192.168.0.0/16", "fltest.ip4 == 192.168.100.96/27",
                "fltest.ip4 === 192.168.0.0/16", "fltest.ip4 < 1.0.0.0");
        yes(root, "fltest.ip4 === 192.0.0.0/7");
    }

    @Test
    void ipv6Addresses() throws Exception {
        ProtoNode root = tree(node(IP6, addr("fe80::1")), node(IP6, addr("2001:db8::ffff:1.2.3.4")));
        yes(root, "fltest.ip6 == fe80::1", "fltest.ip6 == fe80:0:0:0:0:0:0:1", "fltest.ip6 == FE80::0001",
                "fltest.ip6 == fe80::/10", "fltest.ip6 == 2001:db8::ffff:1.2.3.4", "fltest.ip6 == 2001:db8::ffff:102:304",
                "fltest.ip6 == 2001:db8::/32", "fltest.ip6 == ::/0", "fltest.ip6 > ::1");
        no(root, "fltest.ip6 == ::1", "fltest.ip6 == fe80::2", "fltest.ip6 == 2001:db9::/32");
    }

    // ---- times ---------------------------------------------------------------------------------

    @Test
    void relativeTimesAreSeconds() {
        ProtoNode root = tree(node(REL, 500_000_000L));
        yes(root, "fltest.rel == 0.5", "fltest.rel == 0.500000000", "fltest.rel > 0.4", "fltest.rel < 1",
                "fltest.rel >= 0.5", "fltest.rel in {0..0.6}", "fltest.rel != 0", "fltest.rel > -1");
        no(root, "fltest.rel > 0.5", "fltest.rel == 0.5000001", "fltest.rel < 0.1");
    }

    @Test
    void absoluteTimes() {
        ProtoNode root = tree(node(ABS, Instant.parse("2011-04-03T15:36:47.500Z")));
        yes(root, "fltest.abs > \"2011-04-03 15:36:47 UTC\"", "fltest.abs == \"2011-04-03 15:36:47.5 UTC\"",
                "fltest.abs == \"Apr  3, 2011 15:36:47.500 UTC\"", "fltest.abs == \"Apr 3, 2011 15:36:47.5Z\"",
                "fltest.abs < \"2011-04-04 00:00:00 UTC\"", "fltest.abs >= \"2011-04-03T15:36:47.5Z\"");
        no(root, "fltest.abs < \"2011-04-03 15:36:47 UTC\"");
    }

    // ---- slices --------------------------------------------------------------------------------

    @Test
    void slicesOfBytes() {
        ProtoNode root = tree(node(BYTES, hex("1603030200")));
        yes(root, "fltest.bytes[0] == 16", "fltest.bytes[0:2] == 16:03", "fltest.bytes[1-2] == 03:03",
                "fltest.bytes[-2:] == 02:00", "fltest.bytes[-1] == 00", "fltest.bytes[:2] == 1603", "fltest.bytes[3:] == 02:00",
                "fltest.bytes[0:2,4] == 16:03:00", "fltest.bytes[0,2-3] == 16:03:02", "fltest.bytes[4:1] == 0",
                "fltest.bytes[0:5]", "fltest.bytes[ 0 : 2 ] == 16:03", "fltest.bytes[0:4][1:2] == 03:03",
                "fltest.bytes[0:2] in {17:03, 16:03}", "fltest.bytes[0:2] == fltest.bytes[0:2]",
                "len(fltest.bytes[1:]) == 4", "fltest.bytes[1:] contains 02");
        // A range that runs past the value drops the value: no match, whatever the operator.
        no(root, "fltest.bytes[0:6]", "fltest.bytes[5:]", "fltest.bytes[4:2] != 00", "fltest.bytes[-6:1] == 16",
                "fltest.bytes[0:2,9] == 16:03");
    }

    // ---- protocol bytes through the frame's sources -------------------------------------------

    @Test
    void protocolBytesComeFromTheFrameSources() {
        byte[] frame = hex("00112233" + HexFormat.of().formatHex("GET /heise".getBytes(StandardCharsets.US_ASCII)));
        FrameDissection fd = new FrameDissection(1, Instant.EPOCH, frame);
        Tvb tvb = fd.frameTvb();
        ProtoNode p = fd.root.child(new ProtoNode(PROTO, null, null, 0, 4, frame.length - 4));
        read(p, U16, tvb, 0, 2);
        byte[] reassembled = "second source".getBytes(StandardCharsets.US_ASCII);
        Tvb r = fd.addSource("Reassembled", reassembled, List.of());
        p.child(new ProtoNode(LABEL, null, null, r.source, 0, reassembled.length));
        p.addValue(BYTES, r, 7, 6, null);

        String[] bytesFilters = {"fltest contains \"heise\"", "fltest[0:3] == \"GET\"", "fltest matches \"^GET /\"",
                "fltest == \"GET /heise\"", "fltest[-5:] == 68:65:69:73:65", "fltest.bytes == \"source\""};
        for (String f : bytesFilters) {
            try {
                DisplayFilter df = DisplayFilter.compile(f);
                assertTrue(df.matches(fd), f);
                if (!f.startsWith("fltest.bytes")) assertFalse(df.matches(fd.root), f + " without sources");
            } catch (FilterException e) {
                throw new AssertionError(f, e);
            }
        }
        yes(fd.root, "fltest", "fltest.u16 == 0x0011", "len(fltest) == 10", "len(fltest.label) == 13");
        try {
            // The protocol covers bytes 4.. of the frame only.
            assertFalse(DisplayFilter.compile("fltest contains 00:11").matches(fd));
        } catch (FilterException e) {
            throw new AssertionError(e);
        }
    }

    // ---- functions, sets, bitwise and --------------------------------------------------------

    @Test
    void functions() {
        ProtoNode root = tree(node(U8, 1L), node(U8, 2L), node(U8, 3L), node(STR, "MiXeD"),
                new ProtoNode(U16, 443L, null, 0, 10, 2));
        yes(root, "count(fltest.u8) == 3", "count(fltest.u8) > 2", "count(fltest.str) == 1", "upper(fltest.str) == \"MIXED\"",
                "lower(fltest.str) == mixed", "len(fltest.u16) == 2", "len(fltest.str) == 5");
        no(root, "count(fltest.u8) == 1", "count(fltest.u16) == 2");
    }

    @Test
    void membershipSetsAndRanges() {
        ProtoNode root = tree(node(U8, 2L), node(U16, 443L));
        yes(root, "fltest.u8 in {1, 2}", "fltest.u8 in {1..3}", "fltest.u8 in {1 .. 3}", "fltest.u8 in {5, 0x01..0x02}",
                "fltest.u16 in {80, 443, 8443}", "fltest.u16 not in {80}", "fltest.u8 in {2..2}",
                "fltest.u8 in { 1 , 2 }");
        no(root, "fltest.u8 in {3..5}", "fltest.u8 in {1, 3}", "fltest.u16 not in {443}", "fltest.u8 in {3..1}");
    }

    @Test
    void bitwiseAnd() {
        ProtoNode root = tree(node(U16, 0x0012L));
        yes(root, "fltest.u16 & 0x02", "fltest.u16 & 0x12 == 0x12", "fltest.u16 bitwise_and 0x10",
                "fltest.u16 & 0xff != 0", "fltest.u16 & 0x12 in {0x12}", "!(fltest.u16 & 0x01)");
        no(root, "fltest.u16 & 0x01", "fltest.u16 & 0x13 == 0x13");
    }

    // ---- API -----------------------------------------------------------------------------------

    @Test
    void fieldsListsEveryReferencedName() throws Exception {
        DisplayFilter f = DisplayFilter.compile(
                "fltest && (fltest.u8 == 1 || len(fltest.str) > 2) && fltest.bytes[0] == 1 && fltest.u16 == fltest.u32"
                        + " && count(fltest.u8) == 1 && fltest2");
        assertEquals(Set.of("fltest", "fltest.u8", "fltest.str", "fltest.bytes", "fltest.u16", "fltest.u32", "fltest2"),
                f.fields());
        assertEquals(List.of("fltest", "fltest.u8", "fltest.str", "fltest.bytes", "fltest.u16", "fltest.u32", "fltest2"),
                List.copyOf(f.fields()));
        assertEquals("fltest && (fltest.u8 == 1 || len(fltest.str) > 2) && fltest.bytes[0] == 1 && fltest.u16 == fltest.u32"
                + " && count(fltest.u8) == 1 && fltest2", f.text());
    }

    @Test
    void aCompiledFilterIsReusableAcrossFrames() throws Exception {
        DisplayFilter f = DisplayFilter.compile("fltest.u8 == 22 && !(fltest.u16 != 443)");
        assertTrue(f.matches(tree(node(U8, 22L), node(U16, 443L))));
        assertFalse(f.matches(tree(node(U8, 22L), node(U16, 80L))));
        assertFalse(f.matches(tree(node(U8, 23L), node(U16, 443L))));
        assertTrue(f.matches(tree(node(U8, 22L))));
    }

    @Test
    void manyFramesAreFast() throws Exception {
        // A tree of ~200 nodes, like a TLS frame with a ClientHello; the walk should stay cheap.
        ProtoNode root = ProtoNode.root();
        ProtoNode p = root.child(node(PROTO, null));
        for (int i = 0; i < 200; i++) p.child(node(i % 2 == 0 ? U16 : LABEL, (long) i));
        p.child(node(U8, 22L));
        DisplayFilter f = DisplayFilter.compile("fltest.u8 == Handshake && fltest.u16 > 100 && !fltest.str");
        long t0 = System.nanoTime();
        int hits = 0;
        for (int i = 0; i < 20_000; i++) if (f.matches(root)) hits++;
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(20_000, hits);
        assertTrue(ms < 10_000, "20k evaluations took " + ms + " ms");
    }
}
