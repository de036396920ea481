package tlslens.dissect.tls;

import tlslens.dissect.Expert;
import tlslens.dissect.ProtoNode;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test support: our tree as {@code tshark -O} text (four spaces a level, expert notes as
 * "[Expert Info (Severity/Group): ...]" subtrees), and tshark's own text of the hellos'
 * extension blocks, keyed like {@link ExtensionCaptureHellos.Hello#key()}.
 */
final class ExtensionTreeText {
    private ExtensionTreeText() {}

    /** The children of {@code parent} rendered from indent 0. */
    static List<String> render(ProtoNode parent) {
        List<String> out = new ArrayList<>();
        for (ProtoNode c : parent.children()) render(c, 0, out);
        return out;
    }

    private static void render(ProtoNode n, int depth, List<String> out) {
        if (n.hidden()) return;
        String pad = "    ".repeat(depth);
        out.add(pad + n.text());
        for (Expert e : n.experts()) {
            String sev = switch (e.severity()) {
                case ERROR -> "Error";
                case WARN -> "Warning";
                case NOTE -> "Note";
                case CHAT -> "Chat";
            };
            out.add(pad + "    [Expert Info (" + sev + "/" + e.group() + "): " + e.message() + "]");
            out.add(pad + "        [" + e.message() + "]");
            out.add(pad + "        [Severity level: " + sev + "]");
            out.add(pad + "        [Group: " + e.group() + "]");
        }
        for (ProtoNode c : n.children()) render(c, depth + 1, out);
    }

    private static final Pattern IP = Pattern.compile("^Internet Protocol Version ([46]), Src: (\\S+), Dst: (\\S+)$");
    private static final Pattern TCP = Pattern.compile("^Transmission Control Protocol, Src Port: (\\d+), Dst Port: (\\d+),");
    private static final Pattern HELLO = Pattern.compile("^( +)Handshake Protocol: (Client Hello|Server Hello|Hello Retry Request|Encrypted Extensions)$");

    /** tshark's extension-block lines of every plaintext hello in the capture, by key, indent removed. */
    static Map<String, List<String>> tsharkHellos(Path capture) throws Exception {
        Process p = new ProcessBuilder("tshark", "-n", "-r", capture.toString(), "-O", "tls")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l = r.readLine(); l != null; l = r.readLine()) lines.add(l);
        }
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("tshark failed on " + capture);
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        String src = null, dst = null, direction = null;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            Matcher m = IP.matcher(l);
            if (m.find()) {
                boolean v6 = m.group(1).equals("6");
                src = v6 ? "[" + m.group(2) + "]" : m.group(2);
                dst = v6 ? "[" + m.group(3) + "]" : m.group(3);
                direction = null;
                continue;
            }
            m = TCP.matcher(l);
            if (m.find() && src != null) {
                direction = src + ":" + m.group(1) + ">" + dst + ":" + m.group(2);
                continue;
            }
            if (l.startsWith("Frame ")) {
                src = dst = direction = null;
                continue;
            }
            m = HELLO.matcher(l);
            if (!m.find() || direction == null) continue;
            int hsIndent = m.group(1).length();
            int extIndent = hsIndent + 4;
            int index = counts.merge(direction, 1, Integer::sum) - 1;
            List<String> block = new ArrayList<>();
            boolean inside = false;
            for (int j = i + 1; j < lines.size(); j++) {
                String t = lines.get(j);
                int indent = t.length() - t.stripLeading().length();
                if (t.isBlank() || indent < extIndent) break;
                if (!inside) {
                    if (indent == extIndent && t.stripLeading().startsWith("Extensions Length:")) inside = true;
                    else continue;
                }
                if (indent == extIndent && t.stripLeading().startsWith("[JA3")) break;
                block.add(t.substring(extIndent));
            }
            out.put(direction + "#" + index, block);
        }
        return out;
    }
}
