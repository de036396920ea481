package tlslens.dissect.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.dissect.tls.ExtensionBytes.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.ext.ExtensionDissector;

/**
 * Extensions that no public capture carries, built from their RFC structures into a pcap that tshark
 * dissects: ClientHello, HelloRetryRequest, ServerHello and EncryptedExtensions with some sixty
 * extension types (well-formed and malformed), compared line for line with {@code tshark -O tls}.
 */
class ExtensionSyntheticTsharkTest {

    static byte[] sct(byte[] logId) {
        return cat(u8(0), logId, hex("0000015a62ed3a00"), vec16(new byte[0]), u16(0x0403), vec16(hex("3006020101020101")));
    }

    static byte[] quicParams() {
        return cat(hex("04 04 80010000"), hex("01 02 4064"), hex("0f 04 01020304"), hex("0e 01 04"),
                hex("4752 04 00000001"), hex("5f 00"), hex("0b 01 19"), hex("0c 00"), hex("0a 01 03"),
                hex("03 02 45c0"), hex("4000 00"));
    }

    static List<Message> messages() {
        byte[] pilot = hex("a4b90990b418581487bb13a2cc67700a3c359804f91bdfb8e377cd0ec80ddc10");
        byte[] unknownLog = new byte[32];
        byte[] ch = clientHello(block(
                ext(0, vec16(cat(u8(0), vec16(ascii("example.com"))))),
                ext(1, "02"),
                ext(2, ""),
                ext(3, vec16(cat(u8(0), u8(1), new byte[20], u8(2), vec16(hex("3000")), u8(3), new byte[20]))),
                ext(4, ""),
                ext(5, cat(u8(1), vec16(vec16(hex("0102"))), vec16(hex("aabb")))),
                ext(6, vec8(u8(64))),
                ext(7, vec8(hex("0001"))),
                ext(9, vec8(hex("0001"))),
                ext(10, vec16(hex("001d 0017 0a0a 1234"))),
                ext(11, vec8(hex("000102"))),
                ext(12, vec8(ascii("user"))),
                ext(13, vec16(hex("0403 0804 0a0a 0201 0101 ff03 0e0e"))),
                ext(14, cat(vec16(hex("0001")), vec8(new byte[0]))),
                ext(15, "02"),
                ext(16, vec16(cat(vec8(ascii("h2")), vec8(ascii("http/1.1"))))),
                ext(17, vec16(cat(u8(2), u16(4), vec16(new byte[0]), vec16(new byte[0])))),
                ext(18, ""),
                ext(19, vec8(hex("0002"))),
                ext(20, vec8(hex("00"))),
                ext(21, new byte[5]),
                ext(22, ""),
                ext(23, ""),
                ext(24, cat(u8(0), u8(13), vec8(hex("0201")))),
                ext(25, vec16(cat(u8(1), vec8(hex("aabbccdd")), u8(2), vec8(hex("01"))))),
                ext(27, vec8(hex("0001 0002 0003 0004"))),
                ext(28, "4001"),
                ext(30, vec8(ascii("fred"))),
                ext(31, vec16(hex("0102"))),
                ext(34, vec16(hex("0403 0807"))),
                ext(35, "0102030405"),
                ext(40, vec16(cat(u16(0x1d), vec16(new byte[32])))),
                ext(42, ""),
                ext(43, vec8(hex("0a0a 0304 0303 7f17 fb1a"))),
                ext(44, vec16(hex("c0ffee"))),
                ext(45, vec8(hex("0001"))),
                ext(49, ""),
                ext(50, vec16(hex("0401 0503"))),
                ext(51, vec16(cat(u16(0x0a0a), vec16(u8(0)), u16(0x17), vec16(new byte[65]), u16(0x6399), vec16(new byte[8])))),
                ext(53, vec8(hex("b1"))),
                ext(54, vec8(hex("a1a2a3"))),
                ext(55, ""),
                ext(57, quicParams()),
                ext(58, "0201"),
                ext(59, "01bb"),
                ext(13172, ""),
                ext(17513, vec16(vec8(ascii("h2")))),
                ext(17613, vec16(vec8(ascii("h3")))),
                ext(30032, ""),
                ext(0xfe0d, cat(u8(0), u16(1), u16(1), u8(7), vec16(new byte[32]), vec16(new byte[40]))),
                ext(0xffce, cat(u16(0x1301), u16(0x1d), vec16(new byte[32]), vec16(hex("abcd")), vec16(hex("0102030405")))),
                ext(0xffa5, vec16(cat(u16(4), vec16(hex("80010000")), u16(0x0e), vec16(hex("04"))))),
                ext(65281, vec8(hex("0102"))),
                ext(0x1234, "beef"),
                ext(0x5a5a, ""),
                ext(41, cat(vec16(cat(vec16(hex("aabbcc")), hex("00000064"))), vec16(vec8(new byte[32]))))));
        byte[] hrr = serverHello(block(ext(43, "0304"), ext(51, "0017"), ext(44, vec16(hex("0102030405"))),
                ext(0xfe0d, new byte[8])), true);
        byte[] sh = serverHello(block(
                ext(0, ""), ext(1, "01"), ext(5, ""), ext(9, "00"), ext(11, vec8(hex("00"))), ext(15, "01"),
                ext(16, vec16(vec8(ascii("h2")))),
                ext(18, vec16(cat(vec16(sct(pilot)), vec16(sct(unknownLog))))),
                ext(19, "02"), ext(22, ""), ext(23, ""), ext(28, "4000"), ext(35, ""),
                ext(51, cat(u16(0x1d), vec16(new byte[32]))), ext(41, "0000"), ext(43, "0304"),
                ext(13172, cat(vec8(ascii("h2")), vec8(ascii("http/1.1")))),
                ext(65281, vec8(new byte[24])), ext(54, vec8(new byte[0]))), false);
        byte[] echConfig = cat(u16(0xfe0d), vec16(cat(u8(3), u16(0x20), vec16(new byte[32]), vec16(hex("00010001 00010003")),
                u8(0), vec8(ascii("public.example")), vec16(new byte[0]))));
        byte[] ee = block(ext(16, vec16(vec8(ascii("h2")))), ext(0, ""), ext(42, ""), ext(17513, "0000"),
                ext(28, "4001"), ext(57, cat(hex("4752 09 00000001 04 00000001"), hex("01 01 05"))),
                ext(0xfe0d, vec16(echConfig)), ext(18, vec16(vec16(sct(pilot)))), ext(0xffce, new byte[16]),
                ext(1, "03"));
        byte[] bad = clientHello(block(
                ext(16, "0001 01 61"),
                ext(0, "0003 00 0000"),
                ext(10, "0003 001d 00"),
                ext(51, cat(vec16(cat(u16(0x1d), vec16(new byte[4]))), hex("00"))),
                ext(43, "05 0304 0303"),
                ext(45, "05 01"),
                ext(13, "0003 0403 04"),
                ext(41, cat(vec16(cat(vec16(hex("aa")), hex("00000001"))), vec16(vec8(new byte[8])))),
                ext(18, "00"),
                hex("aabbcc")));
        return List.of(new Message(true, 1, ch), new Message(false, 2, hrr), new Message(false, 2, sh),
                new Message(false, 8, ee), new Message(true, 1, bad));
    }

    @Test
    void syntheticExtensionsMatchTshark(@TempDir Path dir) throws Exception {
        List<Message> msgs = messages();
        Path pcap = dir.resolve("synthetic.pcap");
        writePcap(pcap, msgs);
        Map<String, List<String>> want = ExtensionTreeText.tsharkHellos(pcap);
        assertEquals(5, want.size(), "tshark saw " + want.keySet());
        int[] index = new int[2];
        List<String> diffs = new ArrayList<>();
        int lines = 0;
        for (Message m : msgs) {
            String key = (m.fromClient() ? "10.0.0.1:40000>10.0.0.2:443#" : "10.0.0.2:443>10.0.0.1:40000#")
                    + index[m.fromClient() ? 0 : 1]++;
            List<String> expected = want.get(key);
            List<String> got = dissect(m);
            lines += expected.size();
            if (!expected.equals(got)) diffs.add(key + "\n" + ExtensionTsharkAgreementTest.firstDifference(expected, got));
        }
        assertTrue(lines > 500, "too few lines: " + lines);
        assertEquals(List.of(), diffs);
    }

    static List<String> dissect(Message m) {
        int type = m.type();
        int off;
        if (type == 1) off = clientHelloExtOffset();
        else if (type == 2) off = serverHelloExtOffset();
        else off = 0;
        if (type == 2 && m.body()[2] == (byte) 0xcf) type = 6;
        ProtoNode root = ProtoNode.root();
        ExtensionDissector.dissect(root, new Tvb(m.body(), 0), off, m.body().length, type, null);
        return ExtensionTreeText.render(root);
    }
}
