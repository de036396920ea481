package tlslens.dissect.tls;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tlslens.dissect.Expert;
import tlslens.dissect.ProtoNode;

/**
 * Renders our TLS tree the way {@code tshark -O tls} prints it, and reads tshark's output, so the
 * two can be compared line by line. Label length is cut as tshark cuts it (240 characters).
 */
final class TlsTreeText {
    private TlsTreeText() {}

    /** Lines of the record subtrees under a "Transport Layer Security" node, indented from 4. */
    static List<String> render(ProtoNode tls) {
        List<String> out = new ArrayList<>();
        for (ProtoNode c : tls.children()) render(c, 1, out);
        return out;
    }

    static void render(ProtoNode n, int depth, List<String> out) {
        if (!n.hidden()) {
            out.add("    ".repeat(depth) + text(n));
            for (ProtoNode c : n.children()) render(c, depth + 1, out);
            for (Expert e : n.experts()) {
                String ind = "    ".repeat(depth + 1);
                String sev = switch (e.severity()) {
                    case ERROR -> "Error";
                    case WARN -> "Warning";
                    case NOTE -> "Note";
                    case CHAT -> "Chat";
                    default -> e.severity().toString();
                };
                out.add(ind + "[Expert Info (" + sev + "/" + e.group() + "): " + e.message() + "]");
                out.add(ind + "    [" + e.message() + "]");
                out.add(ind + "    [Severity level: " + sev + "]");
                out.add(ind + "    [Group: " + e.group() + "]");
            }
        }
    }

    static String text(ProtoNode n) {
        return n.text();
    }

    /** Normalises a line for comparison: long labels are cut by tshark, so compare their first 200 characters. */
    static String norm(String line) {
        int ind = 0;
        while (ind < line.length() && line.charAt(ind) == ' ') ind++;
        boolean long_ = line.length() - ind >= 230;
        String s = line.replace(" [truncated]", "");
        if (long_ && s.length() > ind + 200) s = s.substring(0, ind + 200);
        return s;
    }

    /** Per frame number: the record lines tshark prints under every "Transport Layer Security" of the frame. */
    static Map<Integer, List<String>> tshark(Path capture, String... extraArgs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-r", capture.toString(), "-O", "tls"));
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<Integer, List<String>> out = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int frame = -1;
            boolean inTls = false;
            boolean skipping = false;
            int skipIndent = 0;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("Frame ")) {
                    int sp = line.indexOf(':');
                    frame = Integer.parseInt(line.substring(6, sp));
                    inTls = false;
                    continue;
                }
                if (!line.startsWith(" ")) {
                    inTls = line.equals("Transport Layer Security");
                    continue;
                }
                if (!inTls || frame < 0) continue;
                int ind = 0;
                while (ind < line.length() && line.charAt(ind) == ' ') ind++;
                if (skipping && ind > skipIndent) continue;
                skipping = false;
                // TCP-level reassembly details belong to the pipeline, not to the record dissector.
                if (line.trim().matches("(Retransmitted )?TLS segment data \\(\\d+ bytes?\\)")
                        || line.trim().startsWith("[Reassembled PDU in frame")) {
                    skipping = true;
                    skipIndent = ind;
                    continue;
                }
                out.computeIfAbsent(frame, k -> new ArrayList<>()).add(line);
            }
        }
        p.waitFor(120, TimeUnit.SECONDS);
        return out;
    }

    /** Runs tshark -T fields with one column per field (occurrences joined by ','), keyed by frame number. */
    static Map<Integer, List<String>> tsharkFields(Path capture, String filter, String... fields) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-r", capture.toString(), "-T", "fields",
                "-E", "occurrence=a", "-E", "aggregator=,", "-e", "frame.number"));
        if (filter != null) cmd.addAll(List.of("-Y", filter));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<Integer, List<String>> out = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] parts = line.split("\t", -1);
                List<String> cols = new ArrayList<>();
                for (int i = 1; i < parts.length; i++) cols.add(parts[i]);
                while (cols.size() < fields.length) cols.add("");
                out.put(Integer.parseInt(parts[0]), cols);
            }
        }
        p.waitFor(120, TimeUnit.SECONDS);
        return out;
    }

    static boolean tsharkAvailable() {
        try {
            Process p = new ProcessBuilder("tshark", "-v").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
