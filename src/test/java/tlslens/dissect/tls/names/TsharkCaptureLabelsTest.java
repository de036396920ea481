package tlslens.dissect.tls.names;

import tlslens.UsesPublicCaptures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every distinct name label tshark 4.0.17 printed for the public captures (tshark-4.0-capture-labels.tsv,
 * taken from {@code tshark -T pdml} of ../shared/captures/public) rebuilt from our tables:
 * "Cipher Suite: TLS_AES_128_GCM_SHA256 (0x1301)", "Type: Reserved (GREASE) (2570)", "Supported Version: Unknown (0xfefc)".
 * The captures must be there, unchanged, for the labels to mean anything: missing ones fail the test.
 */
class TsharkCaptureLabelsTest {

    @Test
    @UsesPublicCaptures
    void capturesTheLabelsCameFromArePresentAndUnchanged() throws IOException, NoSuchAlgorithmException {
        assertTrue(Files.isDirectory(TsharkFields.CAPTURES), "missing " + TsharkFields.CAPTURES.toAbsolutePath());
        int n = 0;
        for (String[] r : TsharkFields.rows("tshark-4.0-capture-labels.tsv", true)) {
            if (!r[0].equals("#capture")) continue;
            Path p = TsharkFields.CAPTURES.resolve(r[1]);
            assertTrue(Files.isRegularFile(p), "missing capture " + p);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
            assertEquals(r[2], HexFormat.of().formatHex(digest), "capture changed: " + p);
            n++;
        }
        assertTrue(n >= 20, "too few captures listed: " + n);
    }

    @Test
    void everyLabelTsharkPrintedIsRebuiltFromOurNames() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String[] r : TsharkFields.rows("tshark-4.0-capture-labels.tsv", false)) {
            String field = r[0], show = r[1], showname = r[2];
            String label = showname.substring(0, showname.indexOf(": "));
            TsharkFields.Registry reg = TsharkFields.forField(field);
            // Two tshark fields carry both an SSLv2 and a TLS table; the label tells them apart.
            if (label.equals("Handshake Message Type")) reg = TsharkFields.SSL2_MSG;
            if (label.equals("Certificate Type") && field.endsWith("handshake.cert_type")) reg = TsharkFields.SSL2_CERT_TYPES;
            long code = TsharkFields.parseShown(show);
            String name = reg.wiresharkName().apply(code);
            String expected = label + ": " + (name != null ? name : "Unknown") + " (" + show + ")";
            if (!expected.equals(showname)) wrong.add(field + ": tshark '" + showname + "', ours '" + expected + "'");
            checked++;
        }
        assertTrue(checked > 500, "too few labels: " + checked);
        assertEquals(List.of(), wrong);
    }
}
