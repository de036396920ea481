package tlslens.dissect.quic;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import tlslens.dissect.DataSource;
import tlslens.dissect.FrameContext;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.TlsConnection;
import tlslens.dissect.tls.decrypt.Hkdf;
import tlslens.dissect.tls.decrypt.KeyLog;
import tlslens.dissect.tls.decrypt.TlsSecrets;

/**
 * QUIC v1 (RFC 9000, 9001) and v2 (RFC 9369) over UDP, as Wireshark's packet-quic.c shows it:
 * coalesced long-header packets and short-header packets, connections found by their connection
 * IDs, Initial packets decrypted without keys (their keys come from the client's first Destination
 * Connection ID), header protection removed, frames dissected, CRYPTO data put back in order and the
 * TLS handshake inside handed to {@link TlsConnection}. One instance per capture: it numbers the
 * connections (quic.connection.number).
 */
public final class QuicDissector {
    private static final HexFormat HEX = HexFormat.of();
    private int nextNumber;
    /** Connection IDs the endpoints chose (SCIDs, NEW_CONNECTION_ID) → their connection. */
    private final Map<ByteBuffer, QuicConnection> byCid = new HashMap<>();
    /** Clients' first DCIDs: they name the connection only in Initial and 0-RTT packets. */
    private final Map<ByteBuffer, QuicConnection> byOriginal = new HashMap<>();
    private final TlsSecrets secrets;
    private final Http3Dissector http3 = new Http3Dissector();
    /** The connection of the datagram's first packet (for the coalesced packets' DCID check). */
    private QuicConnection datagramConnection;
    /** The {@link QuicPacketTypes} code of the packet whose frames are being read. */
    private int packetType;

    /** The QUIC connections one UDP conversation carried, in order (the conversation's attachment). */
    public static final class Conversation {
        private final List<QuicConnection> connections = new ArrayList<>();

        public List<QuicConnection> connections() { return List.copyOf(connections); }
    }

    public QuicDissector(TlsSecrets secrets) { this.secrets = secrets; }

    /** Connections whose first CONNECTION_CLOSE was read since {@link #takeClosed} was last called. */
    private final List<QuicConnection> closed = new ArrayList<>();

    /** The connections that saw their first CONNECTION_CLOSE since the last call (in the datagrams dissected meanwhile). */
    public List<QuicConnection> takeClosed() {
        if (closed.isEmpty()) return List.of();
        List<QuicConnection> out = List.copyOf(closed);
        closed.clear();
        return out;
    }

    /**
     * The connection ended: lets go of its keys, CRYPTO reassembly and HTTP/3 stream state (see
     * {@link QuicConnection#release}). Its connection IDs stay known, so that a late packet is still
     * numbered as its connection's.
     */
    public void release(QuicConnection conn) {
        conn.release();
        http3.forget(conn);
    }

    /**
     * True when [off, end) starts with a QUIC long header of a version we know (v1, v2, drafts) or a
     * version negotiation: fixed bit set, connection ID lengths of at most 20 bytes.
     */
    public static boolean looksLikeQuic(Tvb tvb, int off, int end) {
        if (end - off < 7 || !tvb.has(off, 7)) return false;
        int first = tvb.u8(off);
        if ((first & 0x80) == 0) return false;
        long version = tvb.u32(off + 1);
        if (version != 0 && ((first & 0x40) == 0 || !QuicKeys.knownVersion(version))) return false;
        int dcil = tvb.u8(off + 5);
        if (dcil > 20 || off + 6 + dcil >= end) return false;
        int scil = tvb.u8(off + 6 + dcil);
        return scil <= 20 && off + 7 + dcil + scil <= end;
    }

    /** Dissects one datagram's payload [off, end) sent in UDP direction dir of the conversation {@code conv}. */
    public void dissect(FrameDissection fd, Tvb tvb, int off, int end, int dir, Conversation conv) {
        fd.setProtocol("QUIC");
        fd.context().flag(FrameContext.TLS);
        boolean first = true;
        byte[] firstDcid = null;
        datagramConnection = null;
        while (off < end) {
            boolean isLong = (tvb.u8(off) & 0x80) != 0;
            if (firstDcid == null) {
                firstDcid = isLong && tvb.has(off + 6, tvb.u8(off + 5)) ? tvb.bytes(off + 6, tvb.u8(off + 5)) : new byte[0];
            } else if (!sameDcid(tvb, off, isLong, firstDcid, dir)) {
                // RFC 9000 12.2: coalesced packets carry one DCID; other bytes are padding (tshark's check).
                ProtoNode last = fd.root.children().get(fd.root.children().size() - 1);
                last.addExpert(QuicFields.COALESCED_PADDING, tvb, off, end - off,
                        "(Random) padding data appended to the datagram");
                break;
            }
            int next = isLong ? longPacket(fd, tvb, off, end, dir, conv, first)
                    : shortPacket(fd, tvb, off, end, dir, conv, first);
            if (next <= off) break;
            off = next;
            first = false;
        }
    }

    /**
     * Wireshark's check_dcid_on_coalesced_packet: a later packet's DCID must be the first one's. A
     * short header's DCID is as long as the receiver's first connection ID; without a connection it passes.
     */
    private boolean sameDcid(Tvb tvb, int off, boolean isLong, byte[] dcid, int dir) {
        int len;
        int at;
        if (isLong) {
            len = tvb.u8(off + 5);
            at = off + 6;
        } else {
            QuicConnection c = datagramConnection;
            if (c == null) return true;
            List<byte[]> receiver = dir == c.clientDir ? c.serverCids : c.clientCids;
            len = receiver.isEmpty() ? 0 : receiver.get(0).length;
            at = off + 1;
        }
        return len == dcid.length && tvb.has(at, len) && java.util.Arrays.equals(tvb.bytes(at, len), dcid);
    }

    // ---- long header ------------------------------------------------------------------------------

    /** Returns the end of the packet, or -1 to stop reading the datagram. */
    private int longPacket(FrameDissection fd, Tvb tvb, int off, int end, int dir, Conversation conv, boolean first) {
        int b0 = tvb.u8(off);
        long version = tvb.u32(off + 1);
        int p = off + 5;
        int dcil = tvb.u8(p);
        byte[] dcid = tvb.bytes(p + 1, Math.min(dcil, Math.max(0, end - p - 1)));
        p += 1 + dcil;
        int scil = tvb.u8(p);
        byte[] scid = tvb.bytes(p + 1, Math.min(scil, Math.max(0, end - p - 1)));
        int scidOff = p + 1;
        p += 1 + scil;
        if (p > end) return -1;
        boolean v2 = version == QuicKeys.V2;
        int typeBits = (b0 >> 4) & 3;
        // Initial 0, 0-RTT 1, Handshake 2, Retry 3 (v2 renumbers them, RFC 9369 3.2).
        int type = v2 ? (typeBits + 3) % 4 : typeBits;
        if (version == 0) return versionNegotiation(fd, tvb, off, end, dcid, scid, dir, conv, first);

        QuicConnection conn = find(dcid, dir, conv, false);
        if (conn == null && (type == 0 || type == 1) && dcid.length > 0) conn = byOriginal.get(ByteBuffer.wrap(dcid));
        if (conn == null && type == 0 && !byCid.containsKey(ByteBuffer.wrap(scid)) && QuicKeys.knownVersion(version)) {
            conn = new QuicConnection(nextNumber++, version, dcid, dir, new TlsConnection(-1, secrets, false));
            conv.connections.add(conn);
            if (dcid.length > 0) byOriginal.put(ByteBuffer.wrap(dcid), conn);
        }
        boolean fromClient = conn != null && dir == conn.clientDir;
        if (conn != null && scid.length > 0) {
            (fromClient ? conn.clientCids : conn.serverCids).add(scid);
            byCid.putIfAbsent(ByteBuffer.wrap(scid), conn);
        }

        int pEnd;
        int tokenLenOff = -1, tokenLenLen = 0;
        long tokenLen = 0;
        int lengthOff = -1, lengthLen = 0;
        long length = 0;
        if (type == 3) {
            pEnd = end;
        } else {
            if (type == 0) {
                tokenLenOff = p;
                tokenLenLen = Varint.length(tvb, p, end);
                if (tokenLenLen == 0) return -1;
                tokenLen = Varint.value(tvb, p);
                p += tokenLenLen;
                if (tokenLen > end - p) return -1;
                p += (int) tokenLen;
            }
            lengthOff = p;
            lengthLen = Varint.length(tvb, p, end);
            if (lengthLen == 0) return -1;
            length = Varint.value(tvb, p);
            p += lengthLen;
            pEnd = (int) Math.min(end, p + length);
        }
        ProtoNode quic = fd.root.addValue(QuicFields.QUIC, tvb, off, pEnd - off, null);
        if (first) datagramConnection = conn;
        connectionInfo(quic, tvb, off, conn, first);
        quic.addGenerated(QuicFields.PACKET_LENGTH, (long) (pEnd - off));
        quic.addValue(QuicFields.HEADER_FORM, tvb, off, 1, 1L);
        // Wireshark shows a Retry's header without its fixed bit (dissect_quic_retry_packet).
        if (type != 3) quic.addValue(QuicFields.FIXED_BIT, tvb, off, 1, (b0 & 0x40) != 0);
        quic.addValue(v2 ? QuicFields.LONG_PACKET_TYPE_V2 : QuicFields.LONG_PACKET_TYPE, tvb, off, 1, (long) typeBits);

        // Remove header protection and decrypt (Initial: always possible; others: with keys).
        int space = type == 0 ? QuicConnection.INITIAL : type == 2 ? QuicConnection.HANDSHAKE : QuicConnection.APPLICATION;
        Opened o = null;
        String failure = null;
        if (type != 3) {
            QuicKeys k = conn == null ? null : type == 1 ? earlyKeys(conn, tvb, off, p, pEnd) : keys(conn, space, dir);
            if (conn == null) failure = "Failed to decrypt packet number";
            else if (k == null) failure = noKeys();
            else {
                o = open(k, conn, space, dir, tvb, off, p, pEnd);
                if (o == null) failure = "Failed to decrypt packet number";
            }
        }
        if (o != null) {
            quic.addValue(QuicFields.LONG_RESERVED, tvb, off, 1, (long) ((o.firstByte >> 2) & 3));
            quic.addValue(QuicFields.PACKET_NUMBER_LENGTH, tvb, off, 1, (long) (o.firstByte & 3));
        }
        quic.add(QuicFields.VERSION, tvb, off + 1, 4);
        quic.add(QuicFields.DCIL, tvb, off + 5, 1);
        if (dcil > 0) quic.add(QuicFields.DCID, tvb, off + 6, dcil);
        quic.add(QuicFields.SCIL, tvb, scidOff - 1, 1);
        if (scil > 0) quic.add(QuicFields.SCID, tvb, scidOff, scil);
        StringBuilder info = new StringBuilder(typeName(type));
        if (dcil > 0) info.append(", DCID=").append(HEX.formatHex(dcid));
        if (scil > 0) info.append(", SCID=").append(HEX.formatHex(scid));
        if (type == 3) {
            int tagOff = Math.max(p, end - 16);
            if (tagOff > p) quic.add(QuicFields.RETRY_TOKEN, tvb, p, tagOff - p);
            ProtoNode tag = quic.add(QuicFields.RETRY_INTEGRITY_TAG, tvb, tagOff, end - tagOff);
            if (conn != null && end - tagOff == 16) {
                if (!QuicKeys.retryTagValid(version, conn.originalDcid, tvb.bytes(off, tagOff - off), tvb.bytes(tagOff, 16))) {
                    tag.expert(QuicFields.BAD_RETRY.note());
                } else {
                    tag.appendText(" [verified]");
                    if (!fromClient) conn.retried(scid);
                }
            }
            fd.setInfo(info.toString());
            if (conn != null) conn.add(new QuicConnection.Packet(fd.number, dir, space, type, -1, false, List.of(), end - off));
            return end;
        }
        if (type == 0) {
            quic.addValue(QuicFields.TOKEN_LENGTH, tvb, tokenLenOff, tokenLenLen, tokenLen);
            if (tokenLen > 0) quic.add(QuicFields.TOKEN, tvb, tokenLenOff + tokenLenLen, (int) tokenLen);
        }
        quic.addValue(QuicFields.LENGTH, tvb, lengthOff, lengthLen, length);
        List<Long> frameTypes = new ArrayList<>();
        if (o != null) {
            quic.addValue(QuicFields.PACKET_NUMBER, tvb, p, o.pnLen, o.packetNumber);
            ProtoNode payload = quic.add(QuicFields.PAYLOAD, tvb, p + o.pnLen, pEnd - p - o.pnLen);
            info.append(", PKN: ").append(o.packetNumber);
            if (o.plain == null) {
                // Header protection came off but the AEAD tag does not check: wrong keys (tshark's wording).
                payload.expert(QuicFields.DECRYPTION_FAILED.note("Decryption failed: Decryption (checktag) failed: Checksum error"));
            }
        }
        if (o != null && o.plain != null) {
            Tvb plain = fd.addSource("Decrypted QUIC (" + o.plain.length + " bytes)", o.plain, List.of());
            packetType = type;
            frames(fd, quic, plain, conn, space, dir, info, frameTypes);
        } else if (o == null) {
            quic.expert(QuicFields.DECRYPTION_FAILED.note(failure));
            quic.add(QuicFields.REMAINING_PAYLOAD, tvb, p, pEnd - p);
        }
        fd.setInfo(info.toString());
        if (conn != null) {
            if (type != 0) protectedPacket(conn, o);
            conn.add(new QuicConnection.Packet(fd.number, dir, space, type, o == null ? -1 : o.packetNumber,
                    o != null && o.plain != null, frameTypes, pEnd - off));
        }
        return pEnd;
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0 -> "Initial";
            case 1 -> "0-RTT";
            case 2 -> "Handshake";
            default -> "Retry";
        };
    }

    private int versionNegotiation(FrameDissection fd, Tvb tvb, int off, int end, byte[] dcid, byte[] scid, int dir,
                                   Conversation conv, boolean first) {
        ProtoNode quic = fd.root.addValue(QuicFields.QUIC, tvb, off, end - off, null);
        QuicConnection conn = find(dcid, -1, conv, true);
        connectionInfo(quic, tvb, off, conn, first);
        quic.addGenerated(QuicFields.PACKET_LENGTH, (long) (end - off));
        quic.addValue(QuicFields.HEADER_FORM, tvb, off, 1, 1L);
        quic.add(QuicFields.VN_UNUSED, tvb, off, 1);
        quic.add(QuicFields.VERSION, tvb, off + 1, 4);
        int p = off + 5;
        quic.add(QuicFields.DCIL, tvb, p, 1);
        if (dcid.length > 0) quic.add(QuicFields.DCID, tvb, p + 1, dcid.length);
        p += 1 + dcid.length;
        quic.add(QuicFields.SCIL, tvb, p, 1);
        if (scid.length > 0) quic.add(QuicFields.SCID, tvb, p + 1, scid.length);
        p += 1 + scid.length;
        for (; p + 4 <= end; p += 4) quic.add(QuicFields.SUPPORTED_VERSION, tvb, p, 4);
        fd.setInfo("Version Negotiation" + (dcid.length > 0 ? ", DCID=" + HEX.formatHex(dcid) : "")
                + (scid.length > 0 ? ", SCID=" + HEX.formatHex(scid) : ""));
        if (conn != null) {
            conn.add(new QuicConnection.Packet(fd.number, dir, QuicConnection.INITIAL, QuicPacketTypes.VERSION_NEGOTIATION,
                    -1, false, List.of(), end - off));
        }
        return end;
    }

    // ---- short header -----------------------------------------------------------------------------

    private int shortPacket(FrameDissection fd, Tvb tvb, int off, int end, int dir, Conversation conv, boolean first) {
        int b0 = tvb.u8(off);
        QuicConnection conn = null;
        byte[] dcid = new byte[0];
        // The DCID's length is known only from the connection: try the IDs the receiver chose.
        for (QuicConnection c : conv.connections) {
            List<byte[]> mine = dir == c.clientDir ? c.serverCids : c.clientCids;
            for (byte[] cid : mine) {
                if (cid.length > 0 && tvb.has(off + 1, cid.length)
                        && java.util.Arrays.equals(tvb.bytes(off + 1, cid.length), cid)) {
                    conn = c;
                    dcid = cid;
                }
            }
        }
        if (conn == null) {
            // A receiver that chose a zero-length ID is known by its address: the conversation's latest such connection.
            for (QuicConnection c : conv.connections) {
                List<byte[]> mine = dir == c.clientDir ? c.serverCids : c.clientCids;
                if (mine.isEmpty()) conn = c;
            }
        }
        ProtoNode quic = fd.root.addValue(QuicFields.QUIC, tvb, off, end - off, null);
        if (first) datagramConnection = conn;
        connectionInfo(quic, tvb, off, conn, first);
        quic.addGenerated(QuicFields.PACKET_LENGTH, (long) (end - off));
        ProtoNode sh = quic.addValue(QuicFields.SHORT, tvb, off, 1 + dcid.length, null, "QUIC Short Header");
        sh.addValue(QuicFields.HEADER_FORM, tvb, off, 1, 0L);
        sh.addValue(QuicFields.FIXED_BIT, tvb, off, 1, (b0 & 0x40) != 0);
        sh.addValue(QuicFields.SPIN_BIT, tvb, off, 1, (b0 & 0x20) != 0);
        int p = off + 1 + dcid.length;
        QuicKeys k = conn == null ? null : keys(conn, QuicConnection.APPLICATION, dir);
        Opened o = k == null ? null : open(k, conn, QuicConnection.APPLICATION, dir, tvb, off, p, end);
        if (o != null && o.plain == null && ((o.firstByte >> 2) & 1) != conn.keyPhase[dir]) {
            // Key update (RFC 9001 6): the other key phase opens with the next generation of keys.
            QuicKeys next = nextKeys(conn, dir);
            Opened n = next == null ? null : open(next, conn, QuicConnection.APPLICATION, dir, tvb, off, p, end);
            if (n != null && n.plain != null) {
                conn.keys[QuicConnection.APPLICATION][dir] = next;
                conn.nextKeys[dir] = null;
                conn.keyPhase[dir] ^= 1;
                conn.keyUpdates++;
                o = n;
            }
        }
        // Without header protection removed the key phase bit is unknown: tshark says KP0.
        StringBuilder info = new StringBuilder("Protected Payload (KP" + (o != null ? o.firstByte >> 2 & 1 : 0) + ")");
        List<Long> frameTypes = new ArrayList<>();
        if (o != null) {
            sh.addValue(QuicFields.SHORT_RESERVED, tvb, off, 1, (long) ((o.firstByte >> 3) & 3));
            sh.addValue(QuicFields.KEY_PHASE, tvb, off, 1, (o.firstByte & 4) != 0);
            sh.addValue(QuicFields.PACKET_NUMBER_LENGTH, tvb, off, 1, (long) (o.firstByte & 3));
            if (dcid.length > 0) sh.add(QuicFields.DCID, tvb, off + 1, dcid.length);
            sh.addValue(QuicFields.PACKET_NUMBER, tvb, p, o.pnLen, o.packetNumber);
            sh.setText("QUIC Short Header" + (dcid.length > 0 ? " DCID=" + HEX.formatHex(dcid) : "") + " PKN="
                    + o.packetNumber);
            ProtoNode payload = quic.add(QuicFields.PROTECTED_PAYLOAD, tvb, p + o.pnLen, end - p - o.pnLen);
            if (dcid.length > 0) info.append(", DCID=").append(HEX.formatHex(dcid));
            info.append(", PKN: ").append(o.packetNumber);
            if (o.plain != null) {
                Tvb plain = fd.addSource("Decrypted QUIC (" + o.plain.length + " bytes)", o.plain, List.of());
                packetType = QuicPacketTypes.ONE_RTT;
                frames(fd, quic, plain, conn, QuicConnection.APPLICATION, dir, info, frameTypes);
            } else {
                payload.expert(QuicFields.DECRYPTION_FAILED.note("Decryption failed: Decryption (checktag) failed: Checksum error"));
            }
        } else {
            if (conn != null && dcid.length > 0) {
                sh.add(QuicFields.DCID, tvb, off + 1, dcid.length);
                sh.setText("QUIC Short Header DCID=" + HEX.formatHex(dcid));
                info.append(", DCID=").append(HEX.formatHex(dcid));
            }
            quic.expert(QuicFields.DECRYPTION_FAILED.note(noKeys()));
            quic.add(QuicFields.REMAINING_PAYLOAD, tvb, p, end - p);
        }
        fd.setInfo(info.toString());
        if (conn != null) {
            protectedPacket(conn, o);
            conn.add(new QuicConnection.Packet(fd.number, dir, QuicConnection.APPLICATION, QuicPacketTypes.ONE_RTT,
                    o == null ? -1 : o.packetNumber, o != null && o.plain != null, frameTypes, end - off));
        }
        return end;
    }

    /** The connection a packet's DCID names; a zero-length DCID names the conversation's latest connection. */
    private QuicConnection find(byte[] dcid, int dir, Conversation conv, boolean any) {
        if (dcid.length > 0) return byCid.get(ByteBuffer.wrap(dcid));
        QuicConnection found = null;
        for (QuicConnection c : conv.connections) {
            List<byte[]> mine = dir == c.clientDir ? c.serverCids : c.clientCids;
            if (any || mine.isEmpty()) found = c;
        }
        return found;
    }

    private static void connectionInfo(ProtoNode quic, Tvb tvb, int off, QuicConnection conn, boolean first) {
        if (!first) return;
        ProtoNode ci = quic.addValue(QuicFields.CONNECTION_INFO, tvb, off, 0, null, "QUIC Connection information")
                .setGenerated(false);
        if (conn == null) {
            ci.expert(QuicFields.CONNECTION_UNKNOWN.note());
        } else {
            ci.addGenerated(QuicFields.CONNECTION_NUMBER, (long) conn.number);
        }
    }

    // ---- keys from a key log ----------------------------------------------------------------------

    /**
     * Counts a 0-RTT, Handshake or 1-RTT packet for the connection's decryption status: opened; header
     * protection removed but the payload did not open (wrong keys); or no keys.
     */
    private void protectedPacket(QuicConnection conn, Opened o) {
        conn.protectedPacket(o != null, o != null && o.plain != null);
        if (o == null && conn.noKeysReason == null) {
            conn.noKeysReason = secrets == null ? null
                    : !supportedSuite(conn.tls.cipherSuite()) && conn.tls.cipherSuite() > 0
                            ? "cipher suite not supported in QUIC"
                            : "no key log line for this connection's ClientHello random";
        }
    }

    /** tshark's words for a packet it has no keys for: none loaded, or none that fit (yet). */
    private String noKeys() {
        return "Failed to create decryption context: " + (secrets == null ? "Secrets are not available"
                : "Missing TLS handshake, unsupported ciphers or padding");
    }

    /** The keys of a space and direction: Initial ones always, the others from the key log's secrets. */
    private QuicKeys keys(QuicConnection conn, int space, int dir) {
        if (conn.released()) return null;
        QuicKeys k = conn.keys[space][dir];
        if (k != null || space == QuicConnection.INITIAL) return k;
        // The keys' hash and AEAD follow the cipher suite: none before the ServerHello named it.
        if (!supportedSuite(conn.tls.cipherSuite())) return null;
        boolean client = dir == conn.clientDir;
        KeyLog.Label label = space == QuicConnection.HANDSHAKE
                ? client ? KeyLog.Label.CLIENT_HANDSHAKE_TRAFFIC_SECRET : KeyLog.Label.SERVER_HANDSHAKE_TRAFFIC_SECRET
                : client ? KeyLog.Label.CLIENT_TRAFFIC_SECRET_0 : KeyLog.Label.SERVER_TRAFFIC_SECRET_0;
        byte[] secret = secret(conn, label);
        if (secret == null) return null;
        k = QuicKeys.fromSecret(conn.version, secret, hmac(conn), keyLength(conn), chacha(conn));
        conn.keys[space][dir] = k;
        if (space == QuicConnection.APPLICATION) conn.appSecret[dir] = secret;
        return k;
    }

    /**
     * The 0-RTT keys (RFC 9001 5.6): the client's early traffic secret with the cipher suite of the
     * session it resumes, which the capture may not hold (the ticket came in an earlier connection's
     * 1-RTT packets). RFC 8446 4.2.11: that suite's hash is the PSK's, and the client offers it; so the
     * candidates are the ClientHello's suites whose hash is the secret's length, in its order, and the
     * first whose AEAD opens the first 0-RTT packet [off, pEnd) (payload at pnOff) is the one (the
     * tag checks it: a wrong suite fails). A candidate that opens nothing leaves the packet closed.
     */
    private QuicKeys earlyKeys(QuicConnection conn, Tvb tvb, int off, int pnOff, int pEnd) {
        if (conn.released()) return null;
        if (conn.earlyKeys != null) return conn.earlyKeys;
        byte[] secret = secret(conn, KeyLog.Label.CLIENT_EARLY_TRAFFIC_SECRET);
        if (secret == null) return null;
        List<Integer> candidates = earlySuites(conn.tls.clientHello() == null ? List.of() : conn.tls.clientHello().cipherSuites,
                secret.length);
        QuicKeys first = null;
        for (int suite : candidates) {
            QuicKeys k = QuicKeys.fromSecret(conn.version, secret, hmac(suite), keyLength(suite), suite == 0x1303);
            if (first == null) first = k;
            Opened o = open(k, conn, QuicConnection.APPLICATION, conn.clientDir, tvb, off, pnOff, pEnd);
            if (o != null && o.plain != null) {
                conn.earlyKeys = k;
                conn.earlySuite = suite;
                return k;
            }
        }
        return first; // none opens this packet: shown as a decryption failure with the likeliest suite
    }

    /**
     * The suites a 0-RTT secret of {@code secretLength} bytes may go with: those offered (in order)
     * whose hash has that length and that QUIC uses; TLS_AES_128_GCM_SHA256 for a 32-byte secret when
     * none is offered (mandatory to implement, RFC 8446 9.1).
     */
    static List<Integer> earlySuites(List<Integer> offered, int secretLength) {
        List<Integer> out = new ArrayList<>();
        for (int suite : offered) {
            if (supportedSuite(suite) && (suite == 0x1302 ? 48 : 32) == secretLength && !out.contains(suite)) out.add(suite);
        }
        if (out.isEmpty() && secretLength == 32) out.add(0x1301);
        if (out.isEmpty() && secretLength == 48) out.add(0x1302);
        return out;
    }

    /** The next key phase's keys (RFC 9001 6.1: secret_n+1 = HKDF-Expand-Label(secret_n, "quic ku", "", Hash.length)). */
    private static QuicKeys nextKeys(QuicConnection conn, int dir) {
        if (conn.nextKeys[dir] != null) return conn.nextKeys[dir];
        byte[] cur = conn.appSecret[dir];
        if (cur == null) return null;
        String hmac = hmac(conn);
        byte[] next = Hkdf.expandLabel(hmac, cur, conn.version == QuicKeys.V2 ? "quicv2 ku" : "quic ku", new byte[0],
                cur.length);
        conn.appSecret[dir] = next;
        conn.nextKeys[dir] = conn.keys[QuicConnection.APPLICATION][dir].nextPhase(conn.version, next, hmac);
        return conn.nextKeys[dir];
    }

    private byte[] secret(QuicConnection conn, KeyLog.Label label) {
        if (secrets == null) return null;
        byte[] random = conn.tls.clientRandom();
        if (random == null) return null;
        KeyLog.Secret s = secrets.secret(label, random);
        if (s != null && conn.keyOrigin == null) conn.keyOrigin = s.origin();
        return s == null ? null : s.value();
    }

    /** TLS_AES_256_GCM_SHA384 hashes with SHA-384; the other TLS 1.3 suites QUIC uses with SHA-256. */
    private static String hmac(QuicConnection conn) { return hmac(conn.tls.cipherSuite()); }

    static String hmac(int suite) { return suite == 0x1302 ? "HmacSHA384" : "HmacSHA256"; }

    /** AES-256 and ChaCha20 keys are 32 bytes, AES-128's 16. */
    private static int keyLength(QuicConnection conn) { return keyLength(conn.tls.cipherSuite()); }

    static int keyLength(int suite) { return suite == 0x1302 || suite == 0x1303 ? 32 : 16; }

    private static boolean chacha(QuicConnection conn) {
        return conn.tls.cipherSuite() == 0x1303;
    }

    /**
     * The suites RFC 9001 5.3 allows QUIC that we open: AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305
     * (TLS_AES_128_CCM_SHA256 is allowed too but no implementation we know uses it). None before the
     * ServerHello named one.
     */
    private static boolean supportedSuite(int suite) {
        return suite == 0x1301 || suite == 0x1302 || suite == 0x1303;
    }

    // ---- protection -------------------------------------------------------------------------------

    /** A packet with header protection removed and (when plain is not null) its payload decrypted. */
    private record Opened(int firstByte, int pnLen, long packetNumber, byte[] plain) {}

    /** Removes header protection (RFC 9001 5.4) and opens the payload of the packet [off, pEnd), pn at pnOff. */
    private static Opened open(QuicKeys k, QuicConnection conn, int space, int dir, Tvb tvb, int off, int pnOff, int pEnd) {
        if (!tvb.has(pnOff + 4, 16) || pnOff + 4 + 16 > pEnd) return null;
        byte[] mask = k.mask(tvb.bytes(pnOff + 4, 16));
        int b0 = tvb.u8(off);
        int first = b0 ^ (mask[0] & ((b0 & 0x80) != 0 ? 0x0f : 0x1f));
        int pnLen = (first & 3) + 1;
        long truncated = 0;
        byte[] header = tvb.bytes(off, pnOff + pnLen - off);
        header[0] = (byte) first;
        for (int i = 0; i < pnLen; i++) {
            int b = tvb.u8(pnOff + i) ^ (mask[1 + i] & 0xff);
            header[pnOff - off + i] = (byte) b;
            truncated = (truncated << 8) | b;
        }
        long pn = conn.decodePacketNumber(space, dir, truncated, pnLen);
        byte[] plain = k.open(pn, header, tvb.bytes(pnOff + pnLen, pEnd - pnOff - pnLen));
        if (plain != null) conn.sawPacketNumber(space, dir, pn);
        return new Opened(first, pnLen, pn, plain);
    }

    // ---- frames -----------------------------------------------------------------------------------

    private void frames(FrameDissection fd, ProtoNode quic, Tvb t, QuicConnection conn, int space, int dir,
                        StringBuilder info, List<Long> types) {
        int p = t.start;
        while (p < t.end) {
            int n = Varint.length(t, p, t.end);
            if (n == 0) break;
            long type = Varint.value(t, p);
            types.add(type);
            int start = p;
            String name = QuicFields.frameTypeName(type);
            if (type == 0) {
                int q = p;
                while (q < t.end && t.u8(q) == 0) q++;
                ProtoNode f = quic.addValue(QuicFields.FRAME, t, p, q - p, null, "PADDING Length: " + (q - p));
                f.addValue(QuicFields.FRAME_TYPE, t, p, 1, 0L);
                f.addGenerated(QuicFields.PADDING_LENGTH, (long) (q - p));
                info.append(", PADDING");
                p = q;
                continue;
            }
            ProtoNode f = quic.addValue(QuicFields.FRAME, t, p, 0, null, name == null ? "Unknown" : name);
            f.addValue(QuicFields.FRAME_TYPE, t, p, n, type);
            p += n;
            int end = frameBody(fd, f, t, p, type, conn, space, dir);
            if (end < 0) {
                f.addExpert(QuicFields.UNKNOWN_FRAME, t, p, t.end - p, name == null ? "Unknown Frame Type" : "Frame cut short");
                f.setLength(t.end - start);
                info.append(", ").append(name == null ? "Unknown" : name);
                break;
            }
            f.setLength(end - start);
            info.append(infoText(type, t, p));
            p = end;
        }
    }

    /**
     * A frame's part of the Info column, in packet-quic.c's abbreviations: ", ACK", ", STREAM(4)",
     * ", NCI", ", DONE"..., the stream ID after the frames that name one (body at p). RETIRE_CONNECTION_ID
     * adds nothing, as in Wireshark.
     */
    static String infoText(long type, Tvb t, int p) {
        String abbrev;
        boolean stream = false;
        if (type >= 0x08 && type <= 0x0f) {
            abbrev = "STREAM";
            stream = true;
        } else {
            abbrev = switch ((int) Math.min(type, Integer.MAX_VALUE)) {
                case 0x01 -> "PING";
                case 0x02 -> "ACK";
                case 0x03 -> "ACK_ECN";
                case 0x04 -> "RS";
                case 0x05 -> "SS";
                case 0x06 -> "CRYPTO";
                case 0x07 -> "NT";
                case 0x10 -> "MD";
                case 0x11 -> "MSD";
                case 0x12, 0x13 -> "MS";
                case 0x14 -> "DB";
                case 0x15 -> "SDB";
                case 0x16, 0x17 -> "SB";
                case 0x18 -> "NCI";
                case 0x19 -> null;
                case 0x1a -> "PC";
                case 0x1b -> "PR";
                case 0x1c, 0x1d -> "CC";
                case 0x1e -> "DONE";
                case 0x30, 0x31 -> "DG";
                default -> QuicFields.frameTypeName(type);
            };
            stream = type == 0x04 || type == 0x05 || type == 0x11 || type == 0x15;
        }
        if (abbrev == null) return "";
        if (!stream || Varint.length(t, p, t.end) == 0) return ", " + abbrev;
        return ", " + abbrev + "(" + Varint.value(t, p) + ")";
    }

    /** Reads a frame body at p; returns its end, or -1 when it is unknown or cut short. */
    private int frameBody(FrameDissection fd, ProtoNode f, Tvb t, int p, long type, QuicConnection conn, int space, int dir) {
        Reader r = new Reader(f, t, p);
        switch ((int) Math.min(type, Integer.MAX_VALUE)) {
            case 0x01, 0x1e -> { return p; }
            case 0x02, 0x03 -> {
                if (!r.v(QuicFields.ACK_LARGEST) || !r.v(QuicFields.ACK_DELAY)) return -1;
                long count = r.last;
                if (!r.v(QuicFields.ACK_RANGE_COUNT)) return -1;
                count = r.last;
                if (!r.v(QuicFields.ACK_FIRST_RANGE)) return -1;
                for (long i = 0; i < count; i++) if (!r.v(QuicFields.ACK_GAP) || !r.v(QuicFields.ACK_RANGE)) return -1;
                if (type == 3 && (!r.v(QuicFields.ACK_ECT0) || !r.v(QuicFields.ACK_ECT1) || !r.v(QuicFields.ACK_ECN_CE))) return -1;
                return r.p;
            }
            case 0x06 -> {
                if (!r.v(QuicFields.CRYPTO_OFFSET)) return -1;
                long offset = r.last;
                if (!r.v(QuicFields.CRYPTO_LENGTH)) return -1;
                long len = r.last;
                if (len > t.end - r.p) return -1;
                int dataOff = r.p;
                f.addValue(QuicFields.CRYPTO_DATA, t, dataOff, (int) len, null, "Crypto Data");
                crypto(fd, f, t, dataOff, (int) len, offset, conn, space, dir);
                return dataOff + (int) len;
            }
            case 0x07 -> {
                if (!r.v(QuicFields.NT_LENGTH)) return -1;
                return r.bytes(QuicFields.NT_TOKEN, r.last);
            }
            case 0x04 -> {
                return r.v(QuicFields.RS_STREAM_ID) && r.v(QuicFields.RS_ERROR_CODE) && r.v(QuicFields.RS_FINAL_SIZE) ? r.p : -1;
            }
            case 0x05 -> { return r.v(QuicFields.SS_STREAM_ID) && r.v(QuicFields.SS_ERROR_CODE) ? r.p : -1; }
            case 0x14 -> { return r.v(QuicFields.DB_LIMIT) ? r.p : -1; }
            case 0x15 -> { return r.v(QuicFields.SDB_STREAM_ID) && r.v(QuicFields.SDB_LIMIT) ? r.p : -1; }
            case 0x16, 0x17 -> { return r.v(QuicFields.SB_LIMIT) ? r.p : -1; }
            case 0x10 -> { return r.v(QuicFields.MAX_DATA) ? r.p : -1; }
            case 0x11 -> { return r.v(QuicFields.MSD_STREAM_ID) && r.v(QuicFields.MSD_MAX) ? r.p : -1; }
            case 0x12, 0x13 -> { return r.v(QuicFields.MAX_STREAMS) ? r.p : -1; }
            case 0x18 -> {
                if (!r.v(QuicFields.NCI_SEQUENCE) || !r.v(QuicFields.NCI_RETIRE_PRIOR_TO)) return -1;
                if (!t.has(r.p, 1)) return -1;
                int cl = t.u8(r.p);
                f.add(QuicFields.NCI_CID_LENGTH, t, r.p, 1);
                r.p++;
                if (r.bytes(QuicFields.NCI_CID, cl) < 0) return -1;
                if (conn != null && cl > 0) {
                    byte[] cid = t.bytes(r.p - cl, cl);
                    (dir == conn.clientDir ? conn.clientCids : conn.serverCids).add(cid);
                    byCid.putIfAbsent(ByteBuffer.wrap(cid), conn);
                }
                return r.bytes(QuicFields.NCI_RESET_TOKEN, 16);
            }
            case 0x19 -> { return r.v(QuicFields.RCI_SEQUENCE) ? r.p : -1; }
            case 0x1a -> { return r.bytes(QuicFields.PATH_CHALLENGE, 8); }
            case 0x1b -> { return r.bytes(QuicFields.PATH_RESPONSE, 8); }
            case 0x1c, 0x1d -> {
                if (!r.v(type == 0x1c ? QuicFields.CC_ERROR_CODE : QuicFields.CC_ERROR_CODE_APP)) return -1;
                if (type == 0x1c && !r.v(QuicFields.CC_FRAME_TYPE)) return -1;
                if (!r.v(QuicFields.CC_REASON_LENGTH)) return -1;
                int after = r.bytes(QuicFields.CC_REASON, r.last);
                if (after >= 0 && conn != null && !conn.closeSeen) {
                    conn.closeSeen = true;
                    closed.add(conn);
                }
                return after;
            }
            default -> {
                if (type >= 0x08 && type <= 0x0f) {
                    if (!r.v(QuicFields.STREAM_STREAM_ID)) return -1;
                    long streamId = r.last;
                    long streamOffset = 0;
                    if ((type & 4) != 0) {
                        if (!r.v(QuicFields.STREAM_OFFSET)) return -1;
                        streamOffset = r.last;
                    }
                    long len;
                    if ((type & 2) != 0) {
                        if (!r.v(QuicFields.STREAM_LENGTH)) return -1;
                        len = r.last;
                    } else {
                        len = t.end - r.p;
                    }
                    int dataOff = r.p;
                    int end = r.bytes(QuicFields.STREAM_DATA, len);
                    // Wireshark adds the data even when empty (a FIN alone): -T fields shows it as <MISSING>.
                    if (len == 0) f.add(QuicFields.STREAM_DATA, t, dataOff, 0);
                    if (end >= 0 && conn != null && Http3Dissector.isHttp3(conn)) {
                        http3.stream(fd, t, dataOff, (int) len, streamId, streamOffset, dir == conn.clientDir, conn);
                    }
                    return end;
                }
                return -1;
            }
        }
    }

    /** Varints and byte runs of a frame body, each added to the frame's item. */
    private static final class Reader {
        final ProtoNode f;
        final Tvb t;
        int p;
        long last;

        Reader(ProtoNode f, Tvb t, int p) {
            this.f = f;
            this.t = t;
            this.p = p;
        }

        boolean v(tlslens.dissect.FieldDef field) {
            int n = Varint.length(t, p, t.end);
            if (n == 0) return false;
            last = Varint.value(t, p);
            f.addValue(field, t, p, n, last);
            p += n;
            return true;
        }

        int bytes(tlslens.dissect.FieldDef field, long len) {
            if (len < 0 || len > t.end - p) return -1;
            if (len > 0) f.add(field, t, p, (int) len);
            p += (int) len;
            return p;
        }
    }

    /** A CRYPTO frame's data: into the space's stream; whole messages go to TLS under this frame. */
    private void crypto(FrameDissection fd, ProtoNode f, Tvb t, int dataOff, int len, long offset, QuicConnection conn,
                        int space, int dir) {
        if (conn == null || conn.released()) return;
        CryptoStream s = conn.crypto[space][dir];
        long before = s.delivered();
        s.add(fd.number, offset, t.bytes(dataOff, len));
        byte[] msgs = s.takeMessages();
        if (msgs == null) return;
        Tvb tvb;
        int from;
        List<long[]> parts = s.fragmentsBelow(before, before + msgs.length);
        if (offset == before && len == msgs.length) {
            tvb = t;
            from = dataOff;
        } else {
            tvb = fd.addSource("Reassembled QUIC CRYPTO Data (" + msgs.length + " bytes)", msgs, List.<DataSource.Chunk>of());
            from = tvb.start;
            StringBuilder sb = new StringBuilder().append(parts.size()).append(" Reassembled QUIC CRYPTO Data Fragments (")
                    .append(msgs.length).append(" bytes): ");
            for (int i = 0; i < parts.size(); i++) {
                long[] x = parts.get(i);
                sb.append(i == 0 ? "" : ", ").append('#').append(x[0]).append('(').append(Math.min(x[2], before + msgs.length - x[1])).append(')');
            }
            ProtoNode frag = f.addValue(QuicFields.CRYPTO_FRAGMENTS, tvb, from, msgs.length, null, sb.toString())
                    .setGenerated(true);
            for (long[] x : parts) {
                long a = Math.max(x[1], before) - before, b = Math.min(x[1] + x[2], before + msgs.length) - before;
                frag.addValue(QuicFields.CRYPTO_FRAGMENT, tvb, from + (int) a, (int) (b - a), x[0],
                        "Frame: " + x[0] + ", payload: " + a + "-" + (b - 1) + " (" + (b - a) + " byte" + (b - a == 1 ? "" : "s") + ")")
                        .setGenerated(true);
            }
            frag.addValue(QuicFields.CRYPTO_FRAGMENT_COUNT, tvb, from, 0, (long) parts.size()).setGenerated(true);
        }
        int logged = conn.tls.log().messages().size();
        conn.tls.dissectQuicCrypto(fd, f, tvb, from, from + msgs.length, dir == conn.clientDir ? 0 : 1);
        delivered(conn, logged, msgs, before, parts, packetType);
    }

    /**
     * Tells the connection which log entries this CRYPTO data completed, in which packet, and which
     * frames' CRYPTO data carried each message's bytes (for the ladder).
     */
    private static void delivered(QuicConnection conn, int logged, byte[] msgs, long before, List<long[]> parts,
                                  int packetType) {
        int now = conn.tls.log().messages().size();
        int at = 0;
        for (int i = logged; i < now; i++) {
            int len = at + 4 <= msgs.length
                    ? 4 + (((msgs[at + 1] & 0xff) << 16) | ((msgs[at + 2] & 0xff) << 8) | (msgs[at + 3] & 0xff)) : 0;
            long lo = before + at, hi = before + Math.min(msgs.length, at + len);
            List<Long> frames = new ArrayList<>();
            for (long[] x : parts) {
                if (x[1] < hi && x[1] + x[2] > lo && !frames.contains(x[0])) frames.add(x[0]);
            }
            conn.delivered(new QuicConnection.CryptoMessage(i, conn.nextPacketIndex(), packetType, List.copyOf(frames)));
            at += len;
        }
    }
}
