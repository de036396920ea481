package tlslens.dissect.tls.decrypt;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import tlslens.dissect.tls.base.FinishedCheck;

/**
 * One connection's key schedule as a lesson shows it: each secret, key and IV in the order the RFC
 * derives them, with the value this connection used where the key log gives it or it follows from
 * what the key log gives, what cannot be known from a key log said as such, and each Finished
 * recomputed and checked against the wire. TLS 1.3 follows RFC 8446 7.1 and 7.3 (what a PSK
 * replaces is marked); TLS 1.0-1.2 RFC 5246 8.1 and 6.3 (RFC 7627 4 for the extended master secret).
 * Made by {@link ConnectionDecryptor#keySchedule()}.
 *
 * @param version     the negotiated version's code (TlsVersions), 0 when unknown
 * @param cipherSuite the negotiated suite's code, -1 when unknown
 * @param steps       the steps in derivation order
 * @param problem     why nothing (or not everything) could be shown; null when all went well
 * @param handshakes  how many handshakes the connection had (renegotiations count): the schedule is the last one's
 */
public record KeySchedule(int version, int cipherSuite, List<Step> steps, String problem, int handshakes) {

    /** Where a step's value comes from. */
    public enum Source {
        /** A line of the key log. */
        KEY_LOG,
        /** Computed here from other steps (and the handshake messages). */
        DERIVED,
        /** A constant of the schedule (TLS 1.3's zeros where there is no PSK). */
        CONSTANT,
        /** Read from the handshake messages on the wire. */
        WIRE,
        /** A key log does not hold it and it cannot be computed from what it holds. */
        NOT_IN_KEY_LOG
    }

    /**
     * One step.
     *
     * @param stage   the part of the schedule it belongs to ("Early secret", "Key block", "Finished", ...)
     * @param name    the RFC's name for the value ("client_handshake_traffic_secret", "client_write_key")
     * @param rfc     the section that defines it ("RFC 8446 §7.1")
     * @param formula how it is derived, in the RFC's notation
     * @param value   the value, null when not known (see {@code source} and {@code note})
     * @param source  where the value comes from
     * @param origin  for a key-log value, "line N of FILE"; else null
     * @param psk     a value that a PSK changes: with a PSK it comes from the PSK instead of zeros, or exists only with one
     * @param check   for a Finished: the recomputed verify_data against the wire's; else null
     * @param wire    for a Finished, the verify_data on the wire; else null
     * @param note    a short remark for the reader, null for none
     */
    public record Step(String stage, String name, String rfc, String formula, byte[] value, Source source, String origin,
                       boolean psk, FinishedCheck check, byte[] wire, String note) {
        /** The value in lower-case hex, or null. */
        public String hex() { return value == null ? null : HexFormat.of().formatHex(value); }

        public String wireHex() { return wire == null ? null : HexFormat.of().formatHex(wire); }

        /** "key log, line 3 of keys.log", "derived", "constant", "on the wire", "not in the key log". */
        public String sourceText() {
            return switch (source) {
                case KEY_LOG -> "key log, " + origin;
                case DERIVED -> "derived";
                case CONSTANT -> "constant";
                case WIRE -> "on the wire";
                case NOT_IN_KEY_LOG -> "not in the key log";
            };
        }

        /** For a Finished: "✓ equals the verify_data on the wire" or "✗ the wire has ..."; null otherwise. */
        public String checkText() {
            if (check == null) return null;
            return check.correct() ? "\u2713 equals the verify_data on the wire"
                    : "\u2717 the wire has " + wireHex();
        }
    }

    public KeySchedule {
        steps = List.copyOf(steps);
    }

    static KeySchedule failed(int version, int suite, String why) { return new KeySchedule(version, suite, List.of(), why, 1); }

    /** The Finished checks, in order. */
    public List<Step> finishedChecks() {
        List<Step> out = new ArrayList<>();
        for (Step s : steps) if (s.check() != null) out.add(s);
        return out;
    }

    /** The step named {@code name}, or null. */
    public Step step(String name) {
        for (Step s : steps) if (s.name().equals(name)) return s;
        return null;
    }

    /** The stages in order, each once. */
    public List<String> stages() {
        List<String> out = new ArrayList<>();
        for (Step s : steps) if (!out.contains(s.stage())) out.add(s.stage());
        return out;
    }
}
