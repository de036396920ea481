package tlslens.lab;

import java.util.List;
import java.util.Locale;

/**
 * The lab's record of what really happened, beside the capture as JSON: per connection, the lesson,
 * the implementation, the version, whether and how it resumed and which connection issued the
 * session; and the lessons skipped, with why. Written by hand (a few flat objects) to keep the
 * lab free of a JSON library.
 */
final class LabManifest {
    private LabManifest() {}

    /** {@code packets}: where the capture's packets come from (the lab's framing, or libpcap on loopback). */
    static String write(String capture, int rttMs, String packets, List<LabConnection> connections,
                        List<Lab.Skipped> skipped) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"capture\": ").append(str(capture)).append(",\n");
        sb.append("  \"made_by\": \"tlslens --lab\",\n");
        sb.append("  \"packets\": ").append(str(packets)).append(",\n");
        sb.append("  \"simulated_rtt_ms\": ").append(rttMs).append(",\n");
        sb.append("  \"connections\": [");
        for (int i = 0; i < connections.size(); i++) {
            LabConnection c = connections.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {");
            field(sb, "index", c.index(), true);
            field(sb, "scenario", c.scenario().id(), false);
            field(sb, "role", c.role(), false);
            field(sb, "transport", c.scenario().transport(), false);
            field(sb, "implementation", c.implementation(), false);
            field(sb, "version", c.version(), false);
            field(sb, "cipher", c.cipher(), false);
            field(sb, "group", c.group(), false);
            field(sb, "resumed", c.resumed(), false);
            field(sb, "resumption", c.resumption(), false);
            field(sb, "resumption_offered", c.offered(), false);
            field(sb, "origin", c.origin() < 0 ? null : c.origin(), false);
            field(sb, "psk_mode", c.pskMode(), false);
            field(sb, "hello_retry_request", c.helloRetry(), false);
            field(sb, "extended_master_secret", c.ems(), false);
            field(sb, "early_data", c.earlyData(), false);
            field(sb, "early_data_offered", c.earlyOffered(), false);
            field(sb, "keys_embedded", c.keysEmbedded(), false);
            field(sb, "note", c.note(), false);
            sb.append('}');
        }
        sb.append(connections.isEmpty() ? "],\n" : "\n  ],\n");
        sb.append("  \"skipped\": [");
        for (int i = 0; i < skipped.size(); i++) {
            Lab.Skipped s = skipped.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {");
            field(sb, "scenario", s.scenario().id(), true);
            field(sb, "reason", s.reason(), false);
            sb.append('}');
        }
        sb.append(skipped.isEmpty() ? "]\n" : "\n  ]\n");
        return sb.append("}\n").toString();
    }

    private static void field(StringBuilder sb, String name, Object value, boolean first) {
        if (!first) sb.append(", ");
        sb.append(str(name)).append(": ");
        if (value == null) sb.append("null");
        else if (value instanceof String s) sb.append(str(s));
        else sb.append(value);
    }

    private static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    else sb.append(ch);
                }
            }
        }
        return sb.append('"').toString();
    }
}
