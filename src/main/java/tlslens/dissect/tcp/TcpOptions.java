package tlslens.dissect.tcp;

import java.util.function.LongUnaryOperator;

import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;

/**
 * The TCP options subtree as tshark draws it: "Options: (20 bytes), Maximum segment size, SACK
 * permitted, ..." with one item per option (kind, length, value). A length that runs past the
 * header ends the walk with a malformed note.
 */
final class TcpOptions {
    private TcpOptions() {}

    static String kindName(long kind) {
        return switch ((int) kind) {
            case 0 -> "End of Option List";
            case 1 -> "No-Operation";
            case 2 -> "Maximum Segment Size";
            case 3 -> "Window Scale";
            case 4 -> "SACK Permitted";
            case 5 -> "SACK";
            case 6 -> "Echo";
            case 7 -> "Echo Reply";
            case 8 -> "Time Stamp Option";
            case 19 -> "MD5 Signature Option";
            case 27 -> "Quick-Start Response";
            case 28 -> "User Timeout Option";
            case 29 -> "The TCP Authentication Option";
            case 30 -> "Multipath TCP";
            case 34 -> "TCP Fast Open Cookie";
            case 172 -> "Accurate ECN Order 0";
            case 174 -> "Accurate ECN Order 1";
            case 253 -> "RFC3692-style Experiment 1";
            case 254 -> "RFC3692-style Experiment 2";
            default -> null;
        };
    }

    /** Short names in the Options summary line. */
    private static String summaryName(int kind) {
        return switch (kind) {
            case 0 -> "End of Option List (EOL)";
            case 1 -> "No-Operation (NOP)";
            case 2 -> "Maximum segment size";
            case 3 -> "Window scale";
            case 4 -> "SACK permitted";
            case 5 -> "SACK";
            case 8 -> "Timestamps";
            default -> {
                String n = kindName(kind);
                yield n == null ? "Unknown" : n;
            }
        };
    }

    /** One option met by {@link #walk}; return false to stop the walk. */
    interface Visitor {
        /**
         * {@code len} is 1 for EOL and NOP, the option's length otherwise, or -1 when that length is
         * bad (under 2, or past the header): the walk ends there.
         */
        boolean option(int kind, int at, int len);
    }

    /**
     * Walks the options in [from, to): the one place that knows their layout (EOL and NOP are one
     * byte; every other option carries its length). The tree, the Info column and the window scale
     * all read options through it. Bytes after an EOL are walked too (tshark lists each as an EOL).
     */
    static void walk(Tvb tvb, int from, int to, Visitor v) {
        for (int p = from; p < to && tvb.has(p, 1); ) {
            int kind = tvb.u8(p);
            if (kind <= 1) {
                if (!v.option(kind, p, 1)) return;
                p++;
                continue;
            }
            int len = tvb.has(p + 1, 1) ? tvb.u8(p + 1) : 0;
            if (len < 2 || p + len > to) {
                v.option(kind, p, -1);
                return;
            }
            if (!v.option(kind, p, len)) return;
            p += len;
        }
    }

    /** Adds the Options item and its options; {@code peerRelative} makes SACK edges relative like Ack. */
    static void add(ProtoNode tcp, Tvb tvb, int from, int to, LongUnaryOperator peerRelative, long relAck) {
        ProtoNode opts = tcp.add(TcpFields.OPTIONS, tvb, from, to - from);
        opts.setText(() -> summary(tvb, from, to));
        walk(tvb, from, to, (kind, p, len) -> {
            if (len < 0) {
                int bad = tvb.has(p + 1, 1) ? tvb.u8(p + 1) : 0;
                opts.malformed(tvb, p, to - p, "TCP option " + kind + " with a bad length (" + bad + ")");
            } else if (kind <= 1) {
                ProtoNode o = kind == 0 ? opts.add(TcpFields.OPT_EOL, tvb, p, 1).setText(TcpFields.OPT_EOL.name)
                        : opts.add(TcpFields.OPT_NOP, tvb, p, 1).setText(TcpFields.OPT_NOP.name);
                o.add(TcpFields.OPTION_KIND, tvb, p, 1);
            } else {
                option(opts, tvb, p, len, kind, peerRelative, relAck);
            }
            return true;
        });
    }

    /** "Options: (20 bytes), Maximum segment size, SACK permitted, ..." */
    private static String summary(Tvb tvb, int from, int to) {
        StringBuilder sb = new StringBuilder("Options: (").append(to - from).append(" bytes)");
        walk(tvb, from, to, (kind, p, len) -> {
            sb.append(", ").append(summaryName(kind));
            return true;
        });
        return sb.toString();
    }

    /**
     * RFC 2883: a first SACK block below the acknowledgment number, or inside the second block,
     * reports a duplicate segment (D-SACK), which tshark flags as a warning.
     */
    private static void dsack(ProtoNode o, Tvb tvb, int q, int blocks, LongUnaryOperator rel, long relAck) {
        long le = rel.applyAsLong(tvb.u32(q)), re = rel.applyAsLong(tvb.u32(q + 4));
        boolean below = relAck >= 0 && le < relAck;
        boolean inside = blocks > 1 && le >= rel.applyAsLong(tvb.u32(q + 8)) && re <= rel.applyAsLong(tvb.u32(q + 12));
        if (!below && !inside) return;
        o.addGenerated(TcpFields.OPT_DSACK_LE, le, "D-SACK Left Edge = " + le + " (relative)");
        o.addGenerated(TcpFields.OPT_DSACK_RE, re, "D-SACK Right Edge = " + re + " (relative)");
        o.addExpert(TcpExperts.DSACK, tvb, q, 8, TcpExperts.DSACK.summary());
    }

    private static void kindAndLength(ProtoNode o, Tvb tvb, int p) {
        o.add(TcpFields.OPTION_KIND, tvb, p, 1);
        o.add(TcpFields.OPTION_LEN, tvb, p + 1, 1);
    }

    private static ProtoNode option(ProtoNode opts, Tvb tvb, int p, int len, int kind, LongUnaryOperator rel, long relAck) {
        ProtoNode o;
        switch (kind) {
            case 2 -> {
                o = opts.addValue(TcpFields.OPT_MSS, tvb, p, len, null);
                o.setText(() -> "TCP Option - Maximum segment size: " + tvb.u16(p + 2) + " bytes");
                kindAndLength(o, tvb, p);
                if (len == 4) o.add(TcpFields.OPT_MSS_VAL, tvb, p + 2, 2);
            }
            case 3 -> {
                int shift = tvb.u8(p + 2);
                int mult = 1 << Math.min(shift, 14);
                o = opts.addValue(TcpFields.OPT_WSCALE, tvb, p, len, null);
                o.setText(() -> "TCP Option - Window scale: " + shift + " (multiply by " + mult + ")");
                kindAndLength(o, tvb, p);
                o.add(TcpFields.OPT_WSCALE_SHIFT, tvb, p + 2, 1);
                o.addGenerated(TcpFields.OPT_WSCALE_MULTIPLIER, (long) mult);
            }
            case 4 -> {
                o = opts.addValue(TcpFields.OPT_SACK_PERM, tvb, p, len, null, TcpFields.OPT_SACK_PERM.name);
                kindAndLength(o, tvb, p);
            }
            case 5 -> {
                StringBuilder t = new StringBuilder("TCP Option - SACK");
                for (int q = p + 2; q + 8 <= p + len; q += 8) {
                    t.append(' ').append(rel.applyAsLong(tvb.u32(q))).append('-').append(rel.applyAsLong(tvb.u32(q + 4)));
                }
                o = opts.addValue(TcpFields.OPT_SACK, tvb, p, len, null, t.toString());
                kindAndLength(o, tvb, p);
                int blocks = 0;
                for (int q = p + 2; q + 8 <= p + len; q += 8, blocks++) {
                    long le = rel.applyAsLong(tvb.u32(q)), re = rel.applyAsLong(tvb.u32(q + 4));
                    o.addValue(TcpFields.OPT_SACK_LE, tvb, q, 4, le, "left edge = " + le + " (relative)");
                    o.addValue(TcpFields.OPT_SACK_RE, tvb, q + 4, 4, re, "right edge = " + re + " (relative)");
                }
                o.addGenerated(TcpFields.OPT_SACK_COUNT, (long) blocks, "TCP SACK Count: " + blocks);
                if (blocks > 0) dsack(o, tvb, p + 2, blocks, rel, relAck);
            }
            case 8 -> {
                o = opts.addValue(TcpFields.OPT_TIMESTAMP, tvb, p, len, null);
                o.setText(() -> "TCP Option - Timestamps: TSval " + tvb.u32(p + 2) + ", TSecr " + tvb.u32(p + 6));
                kindAndLength(o, tvb, p);
                if (len == 10) {
                    o.add(TcpFields.OPT_TSVAL, tvb, p + 2, 4);
                    o.add(TcpFields.OPT_TSECR, tvb, p + 6, 4);
                }
            }
            default -> {
                String n = kindName(kind);
                o = opts.addValue(TcpFields.OPT_UNKNOWN, tvb, p, len, tvb.bytes(p, len),
                        "TCP Option - " + (n == null ? "Unknown" : n) + " (" + len + " bytes)");
                kindAndLength(o, tvb, p);
            }
        }
        return o;
    }
}
