package tlslens.dissect.tls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares our record trees and Protocol/Info columns with tshark 4.0's for one capture:
 * frames whose record lines all agree, lines that agree, and the first differences.
 */
final class TlsAgreementReport {
    int frames;
    int identicalFrames;
    int lines;
    int equalLines;
    int columnFrames;
    int equalColumns;
    int fieldCells;
    int equalFieldCells;
    final List<String> fieldDiffs = new ArrayList<>();
    final List<String> diffs = new ArrayList<>();
    final List<String> columnDiffs = new ArrayList<>();

    static TlsAgreementReport compare(Path capture, int maxDiffs) throws Exception {
        TlsAgreementReport rep = new TlsAgreementReport();
        Map<Integer, List<String>> want = TlsTreeText.tshark(capture);
        TlsReplay.Result ours = TlsReplay.replay(capture);
        TreeSet<Integer> numbers = new TreeSet<>(want.keySet());
        for (TlsReplay.Frame f : ours.frames()) numbers.add(f.number());
        for (int n : numbers) {
            List<String> w = new ArrayList<>();
            for (String l : skipForeignSubtrees(want.getOrDefault(n, List.of()))) w.add(TlsTreeText.norm(l));
            TlsReplay.Frame f = ours.frame(n);
            List<String> g = new ArrayList<>();
            if (f != null) {
                for (String l : skipForeignSubtrees(TlsTreeText.render(f.tls()))) {
                    // JA4 is Wireshark 4.2's; tshark 4.0 has no such lines.
                    if (l.trim().startsWith("[JA4")) continue;
                    g.add(TlsTreeText.norm(l));
                }
            }
            rep.frames++;
            rep.lines += w.size();
            int same = 0;
            for (int i = 0; i < Math.min(w.size(), g.size()); i++) if (w.get(i).equals(g.get(i))) same++;
            rep.equalLines += same;
            if (w.equals(g)) {
                rep.identicalFrames++;
            } else if (rep.diffs.size() < maxDiffs) {
                rep.diffs.add(capture.getFileName() + " frame " + n + ": " + firstDifference(w, g));
            }
        }
        // Columns of the frames that have TLS records on our side.
        Map<Integer, List<String>> cols = TlsTreeText.tsharkFields(capture, "tls", "_ws.col.Protocol", "_ws.col.Info");
        for (TlsReplay.Frame f : ours.frames()) {
            List<String> c = cols.get(f.number());
            if (c == null) continue;
            rep.columnFrames++;
            String wantCols = c.get(0) + " | " + c.get(1);
            String gotCols = f.fd().protocol() + " | " + f.fd().info();
            if (wantCols.equals(gotCols)) rep.equalColumns++;
            else if (rep.columnDiffs.size() < maxDiffs) {
                rep.columnDiffs.add(capture.getFileName() + " frame " + f.number() + ": want [" + wantCols + "] got ["
                        + gotCols + "]");
            }
        }
        rep.compareFields(capture, ours, maxDiffs);
        return rep;
    }

    /** The fields whose -T fields output must equal tshark 4.0's byte for byte. */
    static final String[] REQUIRED_FIELDS = {
            "tls.record.content_type", "tls.record.version", "tls.record.length", "tls.handshake.type",
            "tls.handshake.length", "tls.handshake.version", "tls.handshake.random", "tls.handshake.session_id",
            "tls.handshake.ciphersuite", "tls.handshake.session_ticket_lifetime_hint",
            "tls.handshake.session_ticket_length", "tls.handshake.session_ticket", "tls.handshake.certificate_length",
            "tls.alert_message.level", "tls.alert_message.desc", "tls.record.opaque_type", "tls.handshake.ja3_full",
            "tls.handshake.ja3", "tls.handshake.ja3s_full", "tls.handshake.ja3s", "tls.handshake.certificates_length",
            "tls.handshake.comp_method", "tls.handshake.epms", "tls.handshake.server_point", "tls.handshake.client_point",
            "tls.handshake.sig_hash_alg", "tls.handshake.sig_len", "tls.handshake.ys", "tls.handshake.p",
            "tls.handshake.cipherspec", "tls.app_data", "tls.handshake.session_ticket_age_add",
            "tls.handshake.session_ticket_nonce", "tls.handshake.cert_type", "tls.handshake.dnames_len",
            "tls.handshake.client_cert_vrfy.sig_len", "tls.handshake.ocsp_response_len", "tls.app_data_proto",
    };

    void compareFields(Path capture, TlsReplay.Result ours, int maxDiffs) throws Exception {
        Map<Integer, List<String>> want = TlsTreeText.tsharkFields(capture, "tls", REQUIRED_FIELDS);
        for (TlsReplay.Frame f : ours.frames()) {
            List<String> w = want.get(f.number());
            if (w == null) continue;
            for (int i = 0; i < REQUIRED_FIELDS.length; i++) {
                String got = cell(f.tls(), REQUIRED_FIELDS[i]);
                fieldCells++;
                if (got.equals(w.get(i))) equalFieldCells++;
                else if (fieldDiffs.size() < maxDiffs) {
                    String ws = w.get(i), gs = got;
                    if (ws.length() > 120) ws = ws.substring(0, 120) + "...";
                    if (gs.length() > 120) gs = gs.substring(0, 120) + "...";
                    fieldDiffs.add(capture.getFileName() + " frame " + f.number() + " " + REQUIRED_FIELDS[i]
                            + "\n  want: " + ws + "\n  got:  " + gs);
                }
            }
        }
    }

    /** Our -T fields cell: every occurrence of the field in tree order, joined by ','. */
    static String cell(tlslens.dissect.ProtoNode tls, String abbrev) {
        StringBuilder sb = new StringBuilder();
        tls.walk(n -> {
            if (n.field != null && n.field.abbrev.equals(abbrev) && n.value() != null) {
                if (sb.length() > 0) sb.append(',');
                sb.append(tlslens.dissect.FieldFormat.fieldValue(n.field, n.value()));
            }
        });
        return sb.toString();
    }

    /** The X.509 and OCSP trees below certificates are another dissector's; keep only their item lines. */
    static List<String> skipForeignSubtrees(List<String> lines) {
        List<String> out = new ArrayList<>();
        int skipIndent = -1;
        for (String l : lines) {
            int ind = 0;
            while (ind < l.length() && l.charAt(ind) == ' ') ind++;
            if (skipIndent >= 0 && ind > skipIndent) continue;
            skipIndent = -1;
            out.add(l);
            String t = l.substring(ind);
            if (t.startsWith("Certificate: ") || t.equals("OCSP Response") || t.startsWith("Distinguished Name: ")) {
                skipIndent = ind;
            }
        }
        return out;
    }

    static String firstDifference(List<String> want, List<String> got) {
        for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
            String w = i < want.size() ? want.get(i) : "<none>";
            String g = i < got.size() ? got.get(i) : "<none>";
            if (!w.equals(g)) return "line " + i + "\n  want: " + w + "\n  got:  " + g;
        }
        return "(equal)";
    }

    @Override public String toString() {
        return String.format("frames %d/%d identical, lines %d/%d, columns %d/%d, field cells %d/%d", identicalFrames,
                frames, equalLines, lines, equalColumns, columnFrames, equalFieldCells, fieldCells);
    }

    public static void main(String[] args) throws Exception {
        int max = Integer.getInteger("diffs", 3);
        for (String a : args) {
            TlsAgreementReport r = compare(Path.of(a), max);
            System.out.println(Path.of(a).getFileName() + ": " + r);
            for (String d : r.diffs) System.out.println("  " + d);
            for (String d : r.columnDiffs) System.out.println("  " + d);
            for (String d : r.fieldDiffs) System.out.println("  " + d);
        }
    }
}
