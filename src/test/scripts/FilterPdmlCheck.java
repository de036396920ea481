import java.io.*;
import java.net.InetAddress;
import java.nio.*;
import java.nio.file.*;
import java.util.*;
import javax.xml.parsers.*;
import org.w3c.dom.*;
import tlslens.dissect.*;
import tlslens.dissect.filter.*;
import tlslens.dissect.registry.FieldRegistry;

/**
 * Checks the display filter evaluator against tshark without the dissection engine: builds each
 * frame's tree from tshark's PDML (field values as tshark decoded them, frame bytes from the pcap)
 * and compares the frames every valid filter of a golden file matches with tshark's list.
 * Fields no holder declares are registered from fields.tsv. Run by check-filter-pdml.sh.
 */
public class FilterPdmlCheck {
    public static void main(String[] a) throws Exception {
        register(Paths.get(a[0]));
        List<byte[]> frames = pcap(Files.readAllBytes(Paths.get(a[1])));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File(a[2]));
        NodeList packets = doc.getElementsByTagName("packet");
        List<FrameDissection> fds = new ArrayList<>();
        for (int i = 0; i < packets.getLength(); i++) {
            FrameDissection fd = new FrameDissection(i + 1, java.time.Instant.EPOCH, frames.get(i));
            for (Node c = packets.item(i).getFirstChild(); c != null; c = c.getNextSibling()) build(fd.root, c);
            fds.add(fd);
        }
        int ok = 0, bad = 0;
        for (String line : Files.readAllLines(Paths.get(a[3]))) {
            if (line.startsWith("#")) continue;
            String[] c = line.split("\t", -1);
            if (!c[1].equals("OK")) continue;
            DisplayFilter f;
            try { f = DisplayFilter.compile(c[0]); } catch (FilterException e) { System.out.println("COMPILE " + c[0] + ": " + e.getMessage()); bad++; continue; }
            StringJoiner got = new StringJoiner(",");
            for (FrameDissection fd : fds) if (f.matches(fd)) got.add(String.valueOf(fd.number));
            if (got.toString().equals(c[2])) ok++;
            else { bad++; System.out.println("DIFF " + c[0] + ": ours " + got + " tshark " + c[2]); }
        }
        System.out.println(a[3] + ": " + ok + " same, " + bad + " different");
        if (bad > 0) System.exit(1);
    }

    static void build(ProtoNode parent, Node x) {
        if (!(x instanceof Element e)) return;
        String tag = e.getTagName();
        if (!tag.equals("proto") && !tag.equals("field")) return;
        String name = e.getAttribute("name");
        FieldDef f = name.isEmpty() ? null : FieldRegistry.byName(name);
        ProtoNode n = parent;
        if (f != null) {
            int pos = e.getAttribute("pos").isEmpty() ? 0 : Integer.parseInt(e.getAttribute("pos"));
            int size = e.getAttribute("size").isEmpty() ? 0 : Integer.parseInt(e.getAttribute("size"));
            n = parent.child(new ProtoNode(f, value(f, e), null, 0, pos, size));
            if ("yes".equals(e.getAttribute("hide"))) n.setHidden(true);
        }
        for (Node c = x.getFirstChild(); c != null; c = c.getNextSibling()) build(n, c);
    }

    static Object value(FieldDef f, Element e) {
        String show = e.getAttribute("show"), value = e.getAttribute("value");
        try {
            switch (f.type) {
                case UINT8: case UINT16: case UINT24: case UINT32: case UINT64: case FRAMENUM: return Long.decode(show);
                case BOOLEAN: return !show.equals("0") && !show.equals("False");
                case BYTES: case ETHER: return HexFormat.of().parseHex(value);
                case STRING: return show;
                case IPV4: case IPV6: return InetAddress.getByName(show);
                case RELATIVE_TIME: return new java.math.BigDecimal(show).movePointRight(9).longValue();
                case DOUBLE: return Double.parseDouble(show);
                default: return null;
            }
        } catch (Exception ex) { return null; }
    }

    static List<byte[]> pcap(byte[] b) {
        ByteBuffer bb = ByteBuffer.wrap(b);
        bb.order(b[0] == (byte) 0xd4 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        List<byte[]> out = new ArrayList<>();
        int p = 24;
        while (p + 16 <= b.length) {
            int incl = bb.getInt(p + 8);
            out.add(Arrays.copyOfRange(b, p + 16, p + 16 + incl));
            p += 16 + incl;
        }
        return out;
    }

    static void register(Path tsv) throws IOException {
        Map<String, Map<Long, String>> names = new HashMap<>();
        List<String[]> defs = new ArrayList<>();
        for (String line : Files.readAllLines(tsv)) {
            String[] c = line.split("\t", -1);
            if (c[0].equals("F")) defs.add(c);
            if (c[0].equals("V")) names.computeIfAbsent(c[1], k -> new HashMap<>()).putIfAbsent(Long.decode(c[2]), c[3]);
        }
        for (String[] c : defs) {
            if (FieldRegistry.byName(c[1]) != null) continue;
            long mask = c[4].isEmpty() ? 0 : Long.decode(c[4]);
            Map<Long, String> vn = names.get(c[1]);
            FieldType t = switch (c[2]) {
                case "FT_PROTOCOL" -> FieldType.PROTOCOL;
                case "FT_NONE" -> FieldType.NONE;
                case "FT_UINT8" -> FieldType.UINT8;
                case "FT_UINT16" -> FieldType.UINT16;
                case "FT_UINT24" -> FieldType.UINT24;
                case "FT_UINT32" -> FieldType.UINT32;
                case "FT_UINT64" -> FieldType.UINT64;
                case "FT_FRAMENUM" -> FieldType.FRAMENUM;
                case "FT_BOOLEAN" -> FieldType.BOOLEAN;
                case "FT_BYTES" -> FieldType.BYTES;
                case "FT_STRING", "FT_STRINGZ", "FT_UINT_STRING" -> FieldType.STRING;
                case "FT_IPv4" -> FieldType.IPV4;
                case "FT_IPv6" -> FieldType.IPV6;
                case "FT_ETHER" -> FieldType.ETHER;
                case "FT_RELATIVE_TIME" -> FieldType.RELATIVE_TIME;
                case "FT_DOUBLE" -> FieldType.DOUBLE;
                default -> throw new IllegalArgumentException("no FieldType for " + c[2]);
            };
            if (t == FieldType.PROTOCOL) Fields.protocol(c[1], c[5]);
            else if (t == FieldType.NONE) Fields.label(c[1], c[5]);
            else if (t == FieldType.BOOLEAN && mask != 0) Fields.flag(c[1], c[5], Integer.parseInt(c[3]), mask);
            else if (t.isInteger()) Fields.field(c[1], c[5], t, Base.DEC, vn == null ? null : vn::get);
            else Fields.field(c[1], c[5], t);
        }
    }
}
