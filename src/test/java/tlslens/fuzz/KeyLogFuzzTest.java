package tlslens.fuzz;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import tlslens.dissect.tls.decrypt.KeyLog;

/** Key log lines (NSS format, any line ending): what is counted, and that no secret leaks into text. */
class KeyLogFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void keyLogLines(byte[] data) { fuzzerTestOneInput(data); }

    public static void fuzzerTestOneInput(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        FuzzContract.twice(data.length, FuzzContract.Bounds.DISSECTOR, () -> {
            KeyLog log = new KeyLog();
            log.add(text, "fuzz");
            String shown = log + " " + log.size() + " " + log.skipped() + " " + log.comments();
            for (String line : text.split("\r\n|\r|\n")) {
                String[] w = line.trim().split("\\s+");
                if (w.length == 3 && w[2].length() >= 32 && shown.toLowerCase().contains(w[2].toLowerCase())) {
                    throw new AssertionError("a secret shows in the key log's text: " + shown);
                }
            }
            return shown;
        });
    }
}
