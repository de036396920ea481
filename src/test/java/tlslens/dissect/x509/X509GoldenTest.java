package tlslens.dissect.x509;

import tlslens.UsesPublicCaptures;
import tlslens.PublicCaptures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import tlslens.dissect.FieldFormat;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;

/**
 * Every certificate and stapled OCSP response sent in the clear in the public captures decodes to
 * the field values tshark 4.0 reported (src/test/resources/x509/golden.tsv, made by
 * src/test/scripts/make-x509-golden.sh).
 */
class X509GoldenTest {
    static final Path CAPTURES = PublicCaptures.DIR;

    @Test
    @UsesPublicCaptures
    void publicCapturesMatchTshark() throws IOException {
        assertTrue(Files.isDirectory(CAPTURES), "public captures missing at " + CAPTURES.toAbsolutePath());
        // capture -> key -> field -> expected values
        Map<String, Map<String, Map<String, String>>> golden = new TreeMap<>();
        try (InputStream in = X509GoldenTest.class.getResourceAsStream("/x509/golden.tsv")) {
            assertTrue(in != null, "golden.tsv missing");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#") || line.isBlank()) continue;
                String[] f = line.split("\t", -1);
                golden.computeIfAbsent(f[0], k -> new TreeMap<>()).computeIfAbsent(f[1], k -> new TreeMap<>())
                        .put(f[2], f[3]);
            }
        }
        assertTrue(golden.size() >= 15, "golden file has too few captures: " + golden.keySet());
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (var cap : golden.entrySet()) {
            Path file = CAPTURES.resolve(cap.getKey());
            assertTrue(Files.exists(file), "capture missing: " + file);
            CaptureStreams.Found found = CaptureStreams.scan(file);
            Map<String, List<Map<String, String>>> decoded = new LinkedHashMap<>();
            decode(found.certificates(), true, decoded);
            decode(found.ocspResponses(), false, decoded);
            for (var key : cap.getValue().entrySet()) {
                List<Map<String, String>> candidates = decoded.get(key.getKey());
                if (candidates == null) {
                    failures.add(cap.getKey() + " " + key.getKey() + ": not found in the capture");
                    continue;
                }
                String mismatch = null;
                for (Map<String, String> actual : candidates) {
                    mismatch = compare(key.getValue(), actual);
                    if (mismatch == null) break;
                }
                if (mismatch != null) failures.add(cap.getKey() + " " + key.getKey() + ": " + mismatch);
                checked++;
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(checked >= 60, "only " + checked + " certificates/responses checked");
    }

    private static String compare(Map<String, String> expected, Map<String, String> actual) {
        for (var e : expected.entrySet()) {
            String want = e.getValue();
            String got = actual.getOrDefault(e.getKey(), "");
            if (!want.equals(got)) return e.getKey() + " expected [" + want + "] but was [" + got + "]";
        }
        return null;
    }

    /** Decodes each DER blob and records its golden fields, keyed like the golden file. */
    private static void decode(Set<String> blobs, boolean cert, Map<String, List<Map<String, String>>> out) {
        for (String hex : blobs) {
            byte[] der = HexFormat.of().parseHex(hex);
            ProtoNode root = ProtoNode.root();
            Tvb tvb = new Tvb(der, 0);
            if (cert) CertificateDissector.dissect(root, tvb, 0, der.length);
            else OcspDissector.dissect(root, tvb, 0, der.length);
            Map<String, String> values = new LinkedHashMap<>();
            collect(root, values, !cert);
            String serial = values.get(cert ? "x509af.serialNumber" : "ocsp.serialNumber");
            if (serial == null) continue;
            String first = serial.split("\\|")[0];
            out.computeIfAbsent((cert ? "cert:" : "ocsp:") + first, k -> new ArrayList<>()).add(values);
        }
    }

    /** Field values in tree order, joined like the golden file ("a|b"); skips certificates inside OCSP. */
    private static void collect(ProtoNode n, Map<String, String> out, boolean skipCerts) {
        for (ProtoNode c : n.children()) {
            if (skipCerts && c.field == X509Fields.OCSP_CERTS) continue;
            if (c.field != null && c.value() != null && !c.generated()) {
                String v = escape(FieldFormat.fieldValue(c.field, c.value()));
                out.merge(c.field.abbrev, v, (a, b) -> a + "|" + b);
            }
            collect(c, out, skipCerts);
        }
    }

    /** The golden file's escaping, so values containing "|" compare correctly. */
    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\p").replace("\t", "\\t").replace("\n", "\\n");
    }

    @Test
    void failsWhenAValueDiffers() {
        Map<String, String> actual = Map.of("x509ce.dNSName", "a.example|b.example");
        assertEquals(null, compare(Map.of("x509ce.dNSName", "a.example|b.example"), actual));
        if (compare(Map.of("x509ce.dNSName", "a.example"), actual) == null) fail("a difference went unnoticed");
    }
}
