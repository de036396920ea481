package tlslens.dissect.tls.decrypt;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The handshake messages of a connection in order (both directions), for Finished verification:
 * TLS 1.2 hashes them with the PRF hash, TLS 1.0/1.1 with MD5 + SHA-1, TLS 1.3 with the suite's
 * hash (a HelloRetryRequest replaces ClientHello1 by a message_hash, RFC 8446 4.4.1). Bounded.
 */
final class Transcript {
    private static final int MAX_BYTES = 4 << 20;
    private final List<byte[]> messages = new ArrayList<>();
    /** Who sent each message (for the key schedule, which hashes up to a given Finished). */
    private final List<Boolean> fromServer = new ArrayList<>();
    private int bytes;
    private boolean overflow;

    void add(byte[] message) { add(message, false); }

    void add(byte[] message, boolean server) {
        if (bytes + message.length > MAX_BYTES) {
            overflow = true;
            return;
        }
        messages.add(message);
        fromServer.add(server);
        bytes += message.length;
    }

    void clear() {
        messages.clear();
        fromServer.clear();
        bytes = 0;
        overflow = false;
    }

    boolean usable() { return !overflow && !messages.isEmpty(); }

    int size() { return messages.size(); }

    /** The messages so far, each with its sender, in order (a copy). */
    List<KeyScheduleBuilder.Message> messages() {
        List<KeyScheduleBuilder.Message> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) out.add(new KeyScheduleBuilder.Message(fromServer.get(i), messages.get(i)));
        return out;
    }

    /** Hash of every message so far; {@code hrr} applies the RFC 8446 rule to the first ClientHello. */
    byte[] hash(String algorithm, boolean hrr) {
        MessageDigest md = digest(algorithm);
        for (int i = 0; i < messages.size(); i++) {
            byte[] m = messages.get(i);
            if (hrr && i == 0 && m.length > 0 && m[0] == 1) {
                byte[] h = digest(algorithm).digest(m);
                md.update(new byte[] {(byte) 254, 0, 0, (byte) h.length});
                md.update(h);
            } else {
                md.update(m);
            }
        }
        return md.digest();
    }

    /** Hash of every message followed by {@code suffix} (SSL 3.0's Finished). */
    byte[] hashWith(String algorithm, byte[] suffix) {
        MessageDigest md = digest(algorithm);
        for (byte[] m : messages) md.update(m);
        md.update(suffix);
        return md.digest();
    }

    /** TLS 1.0/1.1: MD5(messages) + SHA-1(messages). */
    byte[] md5Sha1() { return Prf.concat(hash("MD5", false), hash("SHA-1", false)); }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm, e);
        }
    }
}
