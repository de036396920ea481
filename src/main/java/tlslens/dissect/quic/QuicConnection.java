package tlslens.dissect.quic;

import java.util.ArrayList;
import java.util.List;

import tlslens.dissect.tls.TlsConnection;
import tlslens.dissect.tls.decrypt.DecryptionStatus;

/**
 * One QUIC connection (quic.connection.number): its version, the client's first Destination
 * Connection ID (which makes the Initial keys), the connection IDs each side chose, and per packet
 * number space and direction the keys, the largest packet number and the CRYPTO stream. The TLS
 * handshake inside is a {@link TlsConnection}.
 */
public final class QuicConnection {
    /** Packet number spaces (RFC 9000 12.3). */
    static final int INITIAL = 0, HANDSHAKE = 1, APPLICATION = 2;

    public final int number;
    final long version;
    final byte[] originalDcid;
    /** The UDP direction (of the conversation that carried the first Initial) of the client. */
    final int clientDir;
    /** Connection IDs chosen by the client (sent as SCID) and by the server. */
    final List<byte[]> clientCids = new ArrayList<>();
    final List<byte[]> serverCids = new ArrayList<>();
    final QuicKeys[][] keys = new QuicKeys[3][2];
    /** 0-RTT keys (the client's early traffic secret), null until derived. */
    QuicKeys earlyKeys;
    /** The cipher suite the 0-RTT packets opened with (the resumed session's), -1 until one opened. */
    int earlySuite = -1;
    /** Per direction, 1-RTT: the current traffic secret, its key phase, and the keys of the next phase. */
    final byte[][] appSecret = new byte[2][];
    final int[] keyPhase = new int[2];
    /** Key updates seen (either direction): the key schedule then shows the next phase's keys. */
    int keyUpdates;
    final QuicKeys[] nextKeys = new QuicKeys[2];
    final long[][] largestPn = {{-1, -1}, {-1, -1}, {-1, -1}};
    final CryptoStream[][] crypto = {{new CryptoStream(), new CryptoStream()}, {new CryptoStream(), new CryptoStream()},
            {new CryptoStream(), new CryptoStream()}};
    final TlsConnection tls;
    private final List<Packet> packets = new ArrayList<>();
    private final List<CryptoMessage> messages = new ArrayList<>();
    private int seen;
    /** Bounds what a long connection keeps for the connection model (its handshake comes first). */
    static final int MAX_PACKETS = 4096;

    /**
     * One packet as seen: for the connection model (ladder lanes per packet type).
     *
     * @param type   a {@link QuicPacketTypes} code (Initial, 0-RTT, Handshake, Retry, 1-RTT, Version Negotiation)
     * @param bytes  the packet's length in the datagram, header included
     */
    public record Packet(long frame, int dir, int space, int type, long packetNumber, boolean decrypted,
                         List<Long> frameTypes, int bytes) {}

    /**
     * A handshake message that CRYPTO frames delivered to TLS: which entry of the TLS log it is, in
     * which packet (its index in {@link #packets()}) and packet type it was completed, and the
     * frames whose CRYPTO data carried its bytes (more than one when it was split).
     */
    public record CryptoMessage(int logIndex, int packet, int type, List<Long> frames) {}

    QuicConnection(int number, long version, byte[] originalDcid, int clientDir, TlsConnection tls) {
        this.number = number;
        this.version = version;
        this.originalDcid = originalDcid;
        this.clientDir = clientDir;
        this.tls = tls;
        keys[INITIAL][clientDir] = QuicKeys.initial(version, originalDcid, true);
        keys[INITIAL][1 - clientDir] = QuicKeys.initial(version, originalDcid, false);
    }

    /**
     * A valid Retry (RFC 9000 17.2.5): the client's next Initials go to the Retry's Source Connection ID,
     * and both sides' Initial keys come from it from then on (RFC 9001 5.2). Only the first Retry counts.
     */
    void retried(byte[] retryScid) {
        if (retryDcid != null) return;
        retryDcid = retryScid;
        keys[INITIAL][clientDir] = QuicKeys.initial(version, retryScid, true);
        keys[INITIAL][1 - clientDir] = QuicKeys.initial(version, retryScid, false);
    }

    /** The Retry's Source Connection ID the client's Initials went to after it, or null without a Retry. */
    byte[] retryDcid;

    public long version() { return version; }

    public int clientDirection() { return clientDir; }

    /** The TLS handshake carried in CRYPTO frames. */
    public TlsConnection tls() { return tls; }

    public List<Packet> packets() { return List.copyOf(packets); }

    /** How many packets of this connection were seen, kept or not (cheap: the engine asks after each datagram). */
    public int packetCount() { return seen; }

    /** The handshake messages CRYPTO frames carried, in the order TLS read them. */
    public List<CryptoMessage> cryptoMessages() { return List.copyOf(messages); }

    void add(Packet p) {
        seen++;
        if (packets.size() < MAX_PACKETS) packets.add(p);
    }

    /** The index in {@link #packets()} the packet being read will have. */
    int nextPacketIndex() { return packets.size(); }

    void delivered(CryptoMessage m) { if (messages.size() < MAX_PACKETS) messages.add(m); }

    /** Packets of the protected spaces (0-RTT, Handshake, 1-RTT): opened, not opened with the keys found, without keys. */
    private long opened, failed, withoutKeys;
    /** Where the first key-log secret used came from ("line 3 of keys.log"); why there were no keys. */
    String keyOrigin;
    String noKeysReason;

    /** A 0-RTT, Handshake or 1-RTT packet: opened, or not (with keys found: they did not match). */
    void protectedPacket(boolean hadKeys, boolean open) {
        if (open) opened++;
        else if (hadKeys) failed++;
        else withoutKeys++;
    }

    /**
     * How far a key log opened this connection: its 0-RTT, Handshake and 1-RTT packets (Initial ones
     * open without keys and do not count), in the words TCP connections use.
     */
    public DecryptionStatus decryption() {
        if (failed > 0) {
            return new DecryptionStatus(DecryptionStatus.State.KEYS_DID_NOT_MATCH, failed + " of " + (opened + failed)
                    + " protected packets did not decrypt", keyOrigin, opened, failed);
        }
        if (opened > 0) return new DecryptionStatus(DecryptionStatus.State.DECRYPTED, "", keyOrigin, opened, 0);
        if (withoutKeys > 0) {
            return new DecryptionStatus(DecryptionStatus.State.NO_KEYS,
                    noKeysReason == null ? DecryptionStatus.NO_KEY_LOG : noKeysReason, null, 0, 0);
        }
        return new DecryptionStatus(DecryptionStatus.State.NOTHING_ENCRYPTED, "", keyOrigin, 0, 0);
    }

    /** RFC 9000 A.3: the full packet number from its truncated encoding of pnLen bytes. */
    long decodePacketNumber(int space, int dir, long truncated, int pnLen) {
        long expected = largestPn[space][dir] + 1;
        long win = 1L << (pnLen * 8);
        long hwin = win / 2;
        long mask = win - 1;
        long candidate = (expected & ~mask) | truncated;
        if (candidate <= expected - hwin && candidate < (1L << 62) - win) return candidate + win;
        if (candidate > expected + hwin && candidate >= win) return candidate - win;
        return candidate;
    }

    /** A CONNECTION_CLOSE frame (0x1c or 0x1d) was read in a decrypted packet of this connection. */
    boolean closeSeen;
    private boolean released;

    /** Whether a decrypted packet carried a CONNECTION_CLOSE: the connection is closing (RFC 9000 10.2). */
    public boolean closeSeen() { return closeSeen; }

    /** Whether the connection still holds packet keys and CRYPTO reassembly for packets to come. */
    public boolean holdsState() { return !released; }

    /** Whether {@link #release} let go of the keys: a later packet of the connection is left encrypted. */
    boolean released() { return released; }

    /**
     * The connection ended (closed, and the closing period lingered): lets go of the packet keys of every
     * space, the traffic secrets of key updates, the CRYPTO streams and the TLS handshake's fragments and
     * keys, keeping what the connection model reads (packets, messages, decryption status) and the TLS key
     * schedule (the window's lesson shows it from this connection). A packet that still comes is shown
     * as one without keys.
     */
    void release() {
        if (released) return;
        released = true;
        for (QuicKeys[] space : keys) java.util.Arrays.fill(space, null);
        earlyKeys = null;
        java.util.Arrays.fill(appSecret, null);
        java.util.Arrays.fill(nextKeys, null);
        for (CryptoStream[] space : crypto) java.util.Arrays.fill(space, null);
        tls.release(true);
    }

    void sawPacketNumber(int space, int dir, long pn) {
        if (pn > largestPn[space][dir]) largestPn[space][dir] = pn;
    }
}
