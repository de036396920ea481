package tlslens.dissect.dtls;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tlslens.dissect.DataSource;
import tlslens.dissect.FieldDef;
import tlslens.dissect.FrameContext;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.base.HandshakeContext;
import tlslens.dissect.tls.base.HelloInfo;
import tlslens.dissect.tls.base.TlsExperts;
import tlslens.dissect.tls.base.TlsFields;
import tlslens.dissect.tls.decrypt.DtlsDecryptor;
import tlslens.dissect.tls.decrypt.TlsSecrets;
import tlslens.dissect.tls.messages.CertificateMessages;
import tlslens.dissect.tls.messages.HelloMessages;
import tlslens.dissect.tls.messages.KeyExchangeMessages;
import tlslens.dissect.tls.messages.SimpleMessages;
import tlslens.dissect.tls.names.AlertDescriptions;
import tlslens.dissect.tls.names.AlertLevels;
import tlslens.dissect.tls.names.ContentTypes;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.dissect.tls.names.TlsVersions;

/**
 * One DTLS association (RFC 6347, RFC 9147) over one UDP conversation: its records (epoch and
 * sequence number; DTLS 1.3's unified header with its record number decrypted when keys are known,
 * and ACKs), handshake messages cut into fragments and put together again by message_seq,
 * HelloVerifyRequest cookies, retransmitted messages marked, records opened with a key log
 * ({@link DtlsDecryptor}). Message bodies are read by the TLS message dissectors and shown under
 * DTLS's field names, as Wireshark does.
 */
public final class DtlsAssociation {
    /** Handshake messages larger than this are not buffered for reassembly. */
    private static final int MAX_MESSAGE = 1 << 20;
    /** Messages being reassembled at once per direction (a handshake has a handful; junk could start thousands). */
    private static final int MAX_PENDING = 16;
    /** Wireshark 4.2's name for DTLS 1.3 (tshark 4.0 has none: it does not read the unified header). */
    private static final String DTLS13_NAME = "DTLSv1.3";

    private int version = -1;
    private int serverDir = -1;
    private int cipherSuite = -1;
    /** Per direction: message_seq → its reassembly; message_seq → frame where it was first whole. */
    private final List<Map<Integer, Reassembly>> pending = List.of(new HashMap<>(), new HashMap<>());
    private final List<Map<Integer, Long>> whole = List.of(new HashMap<>(), new HashMap<>());
    private final List<Step> steps = new ArrayList<>();
    /** The hellos read, in order (a retransmitted one again): for the connection model. */
    private final List<HelloInfo> hellos = new ArrayList<>();
    /** The DTLS 1.0/1.2 NewSessionTickets read (in the clear), at most a few dozen: for session lineage. */
    private final List<Ticket> tickets = new ArrayList<>();
    private final DtlsDecryptor decryptor;
    /** DTLS 1.3, per direction: the highest epoch seen, and per epoch the highest sequence number. */
    private final long[] epoch13 = new long[2];
    private final List<Map<Long, Long>> seq13 = List.of(new HashMap<>(), new HashMap<>());
    /** The connection IDs each side asked to receive (RFC 9146/9147): the peer puts them in its records. */
    private final byte[][] cidToReceive = new byte[2][];

    /** An association without keys. */
    public DtlsAssociation() { this(null); }

    /** An association whose records open with these secrets (null: none). */
    public DtlsAssociation(TlsSecrets secrets) { this.decryptor = new DtlsDecryptor(secrets); }

    /** A close_notify or fatal alert was read (in the clear or decrypted). */
    private boolean closeSeen;
    private boolean released;

    /** Whether a readable close_notify or fatal alert was seen, either way: the association is closing. */
    public boolean closeSeen() { return closeSeen; }

    /** Whether the association still holds handshake fragments or keys for records to come. */
    public boolean holdsState() { return !released; }

    /**
     * The association ended (closed, and a linger passed): lets go of its handshake fragments being
     * reassembled and its keys (the DTLS 1.3 traffic secrets stay when {@code keepKeySchedule}), keeping
     * what the connection model reads. A record that still comes is left encrypted.
     */
    public void release(boolean keepKeySchedule) {
        if (released) return;
        released = true;
        for (Map<Integer, Reassembly> m : pending) m.clear();
        decryptor.release(keepKeySchedule);
    }

    /** A handshake message, ChangeCipherSpec or alert as it was seen: for the connection model. */
    public record Step(long frame, int dir, int contentType, int handshakeType, int length, int epoch,
                       boolean retransmission) {}

    /**
     * True when [off, end) starts with a DTLS 1.0/1.2 record header whose length fits: content type
     * 20-23, a DTLS version, epoch 0 for a first datagram.
     */
    public static boolean looksLikeDtls(Tvb tvb, int off, int end) {
        if (end - off < 13 || !tvb.has(off, 13)) return false;
        int ct = tvb.u8(off);
        int v = tvb.u16(off + 1);
        if (ct < 20 || ct > 23) return false;
        if (v != TlsVersions.DTLS10 && v != TlsVersions.DTLS12 && v != TlsVersions.DTLS10_OPENSSL) return false;
        return off + 13 + tvb.u16(off + 11) <= end;
    }

    public int version() { return version; }

    /** The version the ServerHello negotiated (DTLS 1.3 from supported_versions), -1 before it. */
    public int negotiatedVersion() { return decryptor.version(); }

    /**
     * True when a datagram of this association starts with a record: a DTLS 1.0/1.2 header, or
     * once the association is DTLS 1.3 (or offered it), a unified header (RFC 9147 4: 001CSLEE).
     */
    public boolean accepts(Tvb tvb, int off, int end) {
        if (looksLikeDtls(tvb, off, end)) return true;
        if (end - off < 2 || !tvb.has(off, 2)) return false;
        int b = tvb.u8(off);
        if ((b & 0xe0) == 0x20) return true;
        return b == ContentTypes.ACK && end - off >= 13 && tvb.u16(off + 1) == TlsVersions.DTLS12;
    }

    public int cipherSuite() { return cipherSuite; }

    /** DTLS 1.3: the key schedule per epoch (traffic secrets, write key, IV, sn key) as far as the key log goes; else null. */
    public tlslens.dissect.tls.decrypt.KeySchedule keySchedule() { return decryptor.keySchedule13(); }

    /** Direction of the server (the sender of HelloVerifyRequest or ServerHello), -1 until known. */
    public int serverDirection() { return serverDir; }

    public List<Step> steps() { return List.copyOf(steps); }

    /** A ticket the server issued (RFC 5077 NewSessionTicket) and the frame it was read in. */
    public record Ticket(long frame, byte[] ticket) {}

    /** The session tickets read, in order; a retransmitted NewSessionTicket is read again. */
    public List<Ticket> tickets() { return List.copyOf(tickets); }

    /** The ClientHellos and ServerHellos read, in order (kind tells them apart); at most a few dozen are kept. */
    public List<HelloInfo> hellos() { return List.copyOf(hellos); }

    /** Dissects the records of one datagram's payload [off, end) sent in direction dir. */
    public void dissect(FrameDissection fd, Tvb tvb, int off, int end, int dir) {
        ProtoNode dtls = fd.root.addValue(DtlsFields.DTLS, tvb, off, end - off, null);
        fd.context().flag(FrameContext.TLS);
        boolean dtls13 = false;
        while (off < end) {
            if ((tvb.u8(off) & 0xe0) == 0x20) {
                off = unified(fd, dtls, tvb, off, end, dir);
                dtls13 = true;
                continue;
            }
            if (end - off < 13) {
                dtls.malformed(tvb, off, end - off, "DTLS record header cut short");
                break;
            }
            int len = tvb.u16(off + 11);
            int body = off + 13;
            int recEnd = Math.min(end, body + len);
            ProtoNode rec = dtls.addValue(DtlsFields.RECORD, tvb, off, recEnd - off, null);
            int ct = tvb.u8(off);
            rec.add(mirror(TlsFields.RECORD_CONTENT_TYPE), tvb, off, 1);
            rec.add(mirror(TlsFields.RECORD_VERSION), tvb, off + 1, 2);
            rec.add(DtlsFields.EPOCH, tvb, off + 3, 2);
            int epoch = tvb.u16(off + 3);
            long seq = ((long) tvb.u16(off + 5) << 32) | tvb.u32(off + 7);
            rec.addValue(DtlsFields.SEQUENCE_NUMBER, tvb, off + 5, 6, seq);
            rec.add(mirror(TlsFields.RECORD_LENGTH), tvb, off + 11, 2);
            if (body + len > end) rec.malformed(tvb, body, end - body, "DTLS record length runs past the datagram");
            // tshark labels a record with the version known before it, or else the one it establishes.
            int before = version;
            Tvb plain = null;
            if (epoch > 0 && ct != ContentTypes.CHANGE_CIPHER_SPEC && recEnd > body) {
                DtlsDecryptor.Opened o = decryptor.open12(dir == serverDir, epoch, seq, ct, tvb.u16(off + 1),
                        tvb.bytes(body, recEnd - body));
                plain = opened(fd, rec, tvb, body, recEnd, o);
            }
            String what = record(fd, rec, tvb, body, recEnd, dir, epoch, ct, plain);
            String label = before >= 0 ? shortName(before) : shortName(version);
            rec.setText(what == null ? "Record Layer" : label + " Record Layer: " + what);
            off = recEnd;
        }
        fd.setProtocol(dtls13 ? DTLS13_NAME : shortName(version));
    }

    /**
     * A DTLS 1.3 ciphertext record (RFC 9147 4): the unified header 001CSLEE, the connection ID its
     * receiver asked for, 8 or 16 low bits of the sequence number (encrypted, 4.2.3), the length when
     * present (else the record runs to the datagram's end), then the AEAD ciphertext. With keys the
     * sequence number is unmasked, the full epoch and number reconstructed (4.2.2) and the record
     * opened. Returns the offset after the record.
     */
    private int unified(FrameDissection fd, ProtoNode dtls, Tvb tvb, int off, int end, int dir) {
        int flags = tvb.u8(off);
        boolean hasCid = (flags & 0x10) != 0, seq16 = (flags & 0x08) != 0, hasLen = (flags & 0x04) != 0;
        ProtoNode rec = dtls.addValue(DtlsFields.RECORD, tvb, off, end - off, null);
        rec.setText(DTLS13_NAME + " Record Layer: Encrypted Record");
        ProtoNode uh = rec.add(DtlsFields.UNIFIED_HEADER, tvb, off, 1);
        uh.add(DtlsFields.UH_FIXED, tvb, off, 1);
        uh.add(DtlsFields.UH_CID, tvb, off, 1);
        uh.add(DtlsFields.UH_SEQ, tvb, off, 1);
        uh.add(DtlsFields.UH_LENGTH, tvb, off, 1);
        uh.add(DtlsFields.UH_EPOCH, tvb, off, 1);
        // Records carry the connection ID their receiver asked for in its hello.
        byte[] cid = hasCid ? cidToReceive[1 - dir] : new byte[0];
        if (cid == null) {
            rec.malformed(tvb, off + 1, end - off - 1, "DTLS 1.3 record with a connection ID of unknown length"
                    + " (no connection_id extension seen)");
            fd.appendInfo("Encrypted Record");
            return end;
        }
        int p = off + 1;
        int seqLen = seq16 ? 2 : 1;
        if (end - p < cid.length + seqLen + (hasLen ? 2 : 0)) {
            rec.malformed(tvb, p, end - p, "DTLS 1.3 unified header cut short");
            return end;
        }
        if (cid.length > 0) rec.add(DtlsFields.CONNECTION_ID, tvb, p, cid.length);
        p += cid.length;
        int seqOff = p;
        int bits = seq16 ? tvb.u16(p) : tvb.u8(p);
        rec.addValue(DtlsFields.SEQUENCE_SUFFIX, tvb, p, seqLen, (long) bits);
        p += seqLen;
        int len = end - p;
        if (hasLen) {
            len = tvb.u16(p);
            rec.add(mirror(TlsFields.RECORD_LENGTH), tvb, p, 2);
            p += 2;
        }
        int body = p;
        int recEnd = Math.min(end, body + len);
        rec.setLength(recEnd - off);
        if (body + len > end) rec.malformed(tvb, body, end - body, "DTLS record length runs past the datagram");
        long epoch = epoch13(dir, flags & 3);
        rec.addValue(DtlsFields.EPOCH, tvb, off, 1, epoch, "Epoch: " + epoch).setGenerated(true);

        boolean fromServer = dir == serverDir;
        byte[] mask = recEnd - body >= 16
                ? decryptor.recordNumberMask(fromServer, epoch, tvb.bytes(body, 16)) : null;
        Tvb plain = null;
        int ct = -1;
        if (mask != null) {
            int clear = bits ^ (seq16 ? (mask[0] & 0xff) << 8 | (mask[1] & 0xff) : mask[0] & 0xff);
            rec.addValue(DtlsFields.SEQUENCE_SUFFIX_DEC, tvb, seqOff, seqLen, (long) clear).setGenerated(true);
            long seq = sequence13(dir, epoch, clear, seq16 ? 16 : 8);
            rec.addValue(DtlsFields.SEQUENCE_NUMBER, tvb, seqOff, seqLen, seq, "Sequence Number: " + seq)
                    .setGenerated(true);
            byte[] header = tvb.bytes(off, body - off);
            if (seq16) {
                header[seqOff - off] = (byte) (clear >> 8);
                header[seqOff - off + 1] = (byte) clear;
            } else {
                header[seqOff - off] = (byte) clear;
            }
            DtlsDecryptor.Opened o = decryptor.open13(fromServer, epoch, seq, header, tvb.bytes(body, recEnd - body));
            plain = opened(fd, rec, tvb, body, recEnd, o);
            if (plain != null) {
                ct = o.contentType();
                rec.addValue(mirror(TlsFields.RECORD_CONTENT_TYPE), tvb, off, 1, (long) ct).setGenerated(true);
            }
        }
        if (plain == null) {
            rec.add(DtlsFields.ENC_CONTENT, tvb, body, recEnd - body);
            fd.appendInfo("Encrypted Record");
            steps.add(new Step(fd.number, dir, -1, -1, recEnd - body, (int) Math.min(epoch, Integer.MAX_VALUE), false));
            return recEnd;
        }
        String what = record(fd, rec, tvb, body, recEnd, dir, (int) Math.min(epoch, Integer.MAX_VALUE), ct, plain);
        rec.setText(DTLS13_NAME + " Record Layer: " + (what == null ? "Record Layer" : what));
        return recEnd;
    }

    /** RFC 9147 4.2.2: the epoch nearest the highest one seen from this side whose low two bits are {@code bits}. */
    private long epoch13(int dir, int bits) {
        long cur = epoch13[dir];
        long best = (cur & ~3L) | bits;
        for (long c : new long[] {best - 4, best + 4}) {
            if (c >= 0 && Math.abs(c - cur) < Math.abs(best - cur)) best = c;
        }
        epoch13[dir] = Math.max(cur, best);
        return best;
    }

    /** RFC 9147 4.2.2: the sequence number nearest the highest one of this epoch with these low bits. */
    private long sequence13(int dir, long epoch, int bits, int width) {
        long m = 1L << width;
        Map<Long, Long> highest = seq13.get(dir);
        if (highest.size() > MAX_PENDING && !highest.containsKey(epoch)) highest.clear();
        long h = highest.getOrDefault(epoch, 0L);
        long best = (h & ~(m - 1)) | bits;
        for (long c : new long[] {best - m, best + m}) {
            if (c >= 0 && Math.abs(c - h) < Math.abs(best - h)) best = c;
        }
        highest.merge(epoch, best, Math::max);
        return best;
    }

    /** A decrypted record's plaintext as a source of its own, or null (a failure noted on the record). */
    private static Tvb opened(FrameDissection fd, ProtoNode rec, Tvb tvb, int body, int end, DtlsDecryptor.Opened o) {
        if (o == null) return null;
        if (!o.ok()) {
            rec.expert(TlsExperts.DECRYPTION_FAILED.note("Record did not decrypt: " + o.error()));
            return null;
        }
        byte[] p = o.plaintext();
        List<DataSource.Chunk> chunks = tvb.source == 0 && p.length > 0
                ? List.of(new DataSource.Chunk(fd.number, body, 0, Math.min(p.length, end - body))) : List.of();
        Tvb plain = fd.addSource("Decrypted DTLS (" + p.length + " bytes)", p, chunks);
        rec.child(new ProtoNode(null, null, "[Decrypted with key from " + o.keyOrigin() + "]", plain.source,
                plain.start, 0)).setGenerated(true);
        return plain;
    }

    /** One record's content [body, end), or its decrypted plaintext; returns the label's tail (null: bare). */
    private String record(FrameDissection fd, ProtoNode rec, Tvb tvb, int body, int end, int dir, int epoch, int ct,
                          Tvb plain) {
        if (plain != null && (ct == ContentTypes.HANDSHAKE || ct == ContentTypes.ALERT)) {
            fd.context().flag(FrameContext.DECRYPTED);
        }
        return switch (ct) {
                case ContentTypes.HANDSHAKE -> plain != null ? handshake(fd, rec, plain, plain.start, plain.end, dir, epoch, true)
                        : handshake(fd, rec, tvb, body, end, dir, epoch, epoch == 0);
                case ContentTypes.CHANGE_CIPHER_SPEC -> {
                    rec.add(mirror(TlsFields.CHANGE_CIPHER_SPEC), tvb, body, end - body);
                    steps.add(new Step(fd.number, dir, ct, -1, end - body, epoch, false));
                    fd.appendInfo("Change Cipher Spec");
                    fd.context().flag(FrameContext.CHANGE_CIPHER_SPEC);
                    yield "Change Cipher Spec Protocol: Change Cipher Spec";
                }
                case ContentTypes.ALERT -> plain != null ? alert(fd, rec, plain, plain.start, plain.end, dir, epoch, true)
                        : alert(fd, rec, tvb, body, end, dir, epoch, epoch == 0);
                case ContentTypes.APPLICATION_DATA -> {
                    rec.add(DtlsFields.APP_DATA, tvb, body, end - body);
                    fd.appendInfo("Application Data");
                    fd.context().flag(FrameContext.APPLICATION_DATA);
                    steps.add(new Step(fd.number, dir, ct, -1, end - body, epoch, false));
                    if (plain != null && plain.length() > 0) data(fd, plain);
                    yield "Application Data Protocol: Application Data";
                }
                case ContentTypes.ACK -> {
                    if (plain != null) yield ack(fd, rec, plain, plain.start, plain.end, dir, epoch);
                    if (epoch == 0) yield ack(fd, rec, tvb, body, end, dir, epoch);
                    rec.add(DtlsFields.ENC_CONTENT, tvb, body, end - body);
                    fd.appendInfo("Encrypted Ack");
                    yield "Encrypted Ack";
                }
                default -> "Unknown";
            };
    }

    /** As tshark: decrypted application data no protocol claims is shown by the "data" dissector. */
    private static void data(FrameDissection fd, Tvb plain) {
        int n = plain.length();
        ProtoNode d = fd.root.addValue(TlsFields.DATA, plain, plain.start, n, null,
                "Data (" + n + " byte" + (n == 1 ? "" : "s") + ")");
        d.add(TlsFields.DATA_DATA, plain, plain.start, n);
        d.addGenerated(TlsFields.DATA_LEN, (long) n);
    }

    /**
     * RFC 9147 7: ACK { RecordNumber record_numbers<0..2^16-1> }, each an epoch and a sequence
     * number of 8 bytes: the records of a flight the peer received.
     */
    private String ack(FrameDissection fd, ProtoNode rec, Tvb tvb, int off, int end, int dir, int epoch) {
        ProtoNode msg = rec.add(DtlsFields.ACK_MESSAGE, tvb, off, end - off);
        fd.appendInfo("Ack");
        steps.add(new Step(fd.number, dir, ContentTypes.ACK, -1, end - off, epoch, false));
        if (end - off < 2) {
            msg.malformed(tvb, off, end - off, "ACK cut short");
            return "Ack";
        }
        int len = tvb.u16(off);
        msg.add(DtlsFields.ACK_LENGTH, tvb, off, 2);
        int p = off + 2, stop = Math.min(end, p + len);
        ProtoNode list = msg.add(DtlsFields.ACK_RECORD_NUMBERS, tvb, p, stop - p);
        for (; p + 16 <= stop; p += 16) {
            long e = tvb.u32(p) << 32 | tvb.u32(p + 4);
            long s = tvb.u32(p + 8) << 32 | tvb.u32(p + 12);
            ProtoNode rn = list.addText("Record Number: epoch " + Long.toUnsignedString(e) + ", sequence number "
                    + Long.toUnsignedString(s), tvb, p, 16);
            rn.addValue(DtlsFields.EPOCH, tvb, p, 8, e, "Epoch: " + Long.toUnsignedString(e));
            rn.addValue(DtlsFields.SEQUENCE_NUMBER, tvb, p + 8, 8, s, "Sequence Number: " + Long.toUnsignedString(s));
        }
        if (p < stop || off + 2 + len > end) msg.malformed(tvb, p, end - p, "ACK record numbers cut short");
        return "Ack";
    }

    private static String shortName(int version) {
        if (version < 0) return "DTLS";
        String s = TlsVersions.shortName(version);
        return s == null ? "DTLS" : s;
    }

    private String alert(FrameDissection fd, ProtoNode rec, Tvb tvb, int off, int end, int dir, int epoch,
                         boolean clear) {
        ProtoNode msg = rec.add(mirror(TlsFields.ALERT_MESSAGE), tvb, off, end - off);
        fd.context().flag(FrameContext.ALERT);
        // An alert after ChangeCipherSpec (epoch > 0) is encrypted. tshark 4.0 (dissect_dtls_alert) reads
        // any two bytes naming a known level and description as a clear alert, so it misreads ciphertext
        // that happens to start so; TLS Lens does not (a listed divergence).
        String level = end - off >= 2 ? AlertLevels.wiresharkName(tvb.u8(off)) : null;
        String desc = end - off >= 2 ? AlertDescriptions.wiresharkName(tvb.u8(off + 1)) : null;
        if (!clear || level == null || desc == null) {
            msg.setText("Alert Message: Encrypted Alert");
            fd.appendInfo("Encrypted Alert");
            steps.add(new Step(fd.number, dir, ContentTypes.ALERT, -1, end - off, epoch, false));
            return "Encrypted Alert";
        }
        // close_notify or a fatal alert, readable: the association is closing (RFC 6347 4.1.2.7, RFC 9147 5.10).
        if (tvb.u8(off) == 2 || tvb.u8(off + 1) == 0) closeSeen = true;
        msg.add(mirror(TlsFields.ALERT_LEVEL), tvb, off, 1);
        msg.add(mirror(TlsFields.ALERT_DESCRIPTION), tvb, off + 1, 1);
        String text = "Alert (Level: " + level + ", Description: " + desc + ")";
        fd.appendInfo(text);
        steps.add(new Step(fd.number, dir, ContentTypes.ALERT, -1, end - off, epoch, false));
        return text;
    }

    /** The handshake record's messages; returns the record label's tail (null: tshark's bare "Record Layer"). */
    private String handshake(FrameDissection fd, ProtoNode rec, Tvb tvb, int off, int end, int dir, int epoch,
                             boolean clear) {
        fd.context().flag(FrameContext.HANDSHAKE);
        if (!clear) {
            // Encrypted (the Finished after ChangeCipherSpec): without keys, tshark labels nothing but the protocol.
            rec.addValue(mirror(TlsFields.HANDSHAKE), tvb, off, end - off, null, "Handshake Protocol");
            fd.appendInfo("Encrypted Handshake Message");
            steps.add(new Step(fd.number, dir, ContentTypes.HANDSHAKE, -1, end - off, epoch, false));
            return null;
        }
        List<String> names = new ArrayList<>();
        while (off + 12 <= end) {
            int type = tvb.u8(off);
            int length = tvb.u24(off + 1);
            int msgSeq = tvb.u16(off + 4);
            int fragOff = tvb.u24(off + 6);
            int fragLen = tvb.u24(off + 9);
            int fragEnd = Math.min(end, off + 12 + fragLen);
            String name = HandshakeTypes.wiresharkName(type);
            if (name == null) name = "Encrypted Handshake Message";
            ProtoNode hs = rec.addValue(mirror(TlsFields.HANDSHAKE), tvb, off, fragEnd - off, null);
            hs.add(mirror(TlsFields.HANDSHAKE_TYPE), tvb, off, 1);
            hs.add(mirror(TlsFields.HANDSHAKE_LENGTH), tvb, off + 1, 3);
            hs.add(DtlsFields.MESSAGE_SEQ, tvb, off + 4, 2);
            hs.add(DtlsFields.FRAGMENT_OFFSET, tvb, off + 6, 3);
            hs.add(DtlsFields.FRAGMENT_LENGTH, tvb, off + 9, 3);
            Long first = whole.get(dir).get(msgSeq);
            boolean retransmission = first != null && first != fd.number;
            if (retransmission) {
                hs.addValue(DtlsFields.RETRANSMISSION, tvb, off, 0, first.longValue(),
                        "[Retransmission of the message first sent in frame " + first + "]").setGenerated(true);
            }
            String suffix = "";
            if (fragOff == 0 && fragLen == length) {
                body(fd, hs, tvb, off + 12, fragEnd, type, dir);
                whole.get(dir).putIfAbsent(msgSeq, (long) fd.number);
            } else if (length <= MAX_MESSAGE && fragOff + fragLen <= length
                    && (pending.get(dir).containsKey(msgSeq) || pending.get(dir).size() < MAX_PENDING)) {
                Reassembly r = pending.get(dir).computeIfAbsent(msgSeq, k -> new Reassembly(type, length));
                r.add(fd.number, tvb, off + 12, fragOff, fragEnd - off - 12);
                if (r.complete() && !r.done) {
                    r.done = true;
                    suffix = " (Reassembled)";
                    Tvb full = fd.addSource("Reassembled DTLS (" + length + " bytes)", r.bytes, r.chunks);
                    body(fd, hs, full, full.start, full.end, type, dir);
                    r.fragmentTree(rec, full);
                    whole.get(dir).putIfAbsent(msgSeq, (long) fd.number);
                    pending.get(dir).remove(msgSeq);
                } else {
                    suffix = " (Fragment)";
                }
            } else {
                suffix = " (Fragment)";
            }
            int shownType = type;
            steps.add(new Step(fd.number, dir, ContentTypes.HANDSHAKE, shownType, length + 12, epoch, retransmission));
            hs.setText("Handshake Protocol: " + name + suffix);
            names.add(name + suffix);
            fd.appendInfo(name + suffix);
            off = fragEnd;
        }
        return names.isEmpty() ? "Handshake Protocol" : names.size() == 1 ? "Handshake Protocol: " + names.get(0)
                : "Handshake Protocol: Multiple Handshake Messages";
    }

    /** A whole message body [off, end): TLS's dissector on a scratch item, then copied under DTLS names. */
    private void body(FrameDissection fd, ProtoNode hs, Tvb tvb, int off, int end, int type, int dir) {
        ProtoNode scratch = new ProtoNode(TlsFields.HANDSHAKE, null, "", tvb.source, off, end - off);
        scratch.summaryOnly(hs.summaryOnly());
        HandshakeContext c = new Context(fd, dir);
        switch (type) {
            case HandshakeTypes.CLIENT_HELLO -> {
                HelloInfo ch = HelloMessages.clientHello(c, scratch, tvb, off, end, DtlsFields.COOKIE_LENGTH,
                        DtlsFields.COOKIE);
                keep(ch);
                decryptor.clientHello(ch);
                if (ch.connectionId != null) cidToReceive[dir] = ch.connectionId;
            }
            case HandshakeTypes.SERVER_HELLO -> {
                // tshark 4.0 names a DTLS HelloRetryRequest "Server Hello"; only the keys must skip it.
                boolean hrr = end - off >= 34 && java.util.Arrays.equals(tvb.bytes(off + 2, 32), HelloMessages.HRR_RANDOM);
                HelloInfo sh = HelloMessages.serverHello(c, scratch, tvb, off, end, false);
                keep(sh);
                c.onServerHello(sh, false);
                if (!hrr) decryptor.serverHello(sh);
                if (!hrr && sh.connectionId != null) cidToReceive[dir] = sh.connectionId;
            }
            case HandshakeTypes.ENCRYPTED_EXTENSIONS -> SimpleMessages.encryptedExtensions(c, scratch, tvb, off, end);
            case HandshakeTypes.KEY_UPDATE -> SimpleMessages.keyUpdate(c, scratch, tvb, off, end);
            case HandshakeTypes.HELLO_VERIFY_REQUEST -> helloVerifyRequest(scratch, tvb, off, end, dir);
            case HandshakeTypes.CERTIFICATE -> CertificateMessages.certificate(c, scratch, tvb, off, end);
            case HandshakeTypes.SERVER_KEY_EXCHANGE -> KeyExchangeMessages.serverKeyExchange(c, scratch, tvb, off, end);
            case HandshakeTypes.CERTIFICATE_REQUEST -> CertificateMessages.certificateRequest(c, scratch, tvb, off, end);
            case HandshakeTypes.CERTIFICATE_VERIFY -> KeyExchangeMessages.certificateVerify(c, scratch, tvb, off, end);
            case HandshakeTypes.CLIENT_KEY_EXCHANGE -> KeyExchangeMessages.clientKeyExchange(c, scratch, tvb, off, end);
            case HandshakeTypes.NEW_SESSION_TICKET -> {
                SimpleMessages.newSessionTicket(c, scratch, tvb, off, end);
                if (decryptor.version() != TlsVersions.DTLS13 && end - off >= 6 && off + 6 + tvb.u16(off + 4) <= end) {
                    decryptor.newSessionTicket(tvb.bytes(off + 6, tvb.u16(off + 4)));
                }
            }
            case HandshakeTypes.FINISHED -> SimpleMessages.finished(c, scratch, tvb, off, end);
            default -> { }
        }
        for (ProtoNode n : scratch.children()) {
            ProtoNode copy = n.copyAs(DtlsFields::mirror);
            if (copy != null) hs.child(copy);
        }
    }

    private void keep(HelloInfo h) {
        if (h != null && hellos.size() < 64) hellos.add(h);
    }

    /** HelloVerifyRequest (RFC 6347 4.2.1): server_version, cookie<0..2^8-1>. */
    private void helloVerifyRequest(ProtoNode t, Tvb tvb, int off, int end, int dir) {
        if (end - off < 3) {
            t.malformed(tvb, off, end - off, "HelloVerifyRequest cut short");
            return;
        }
        t.add(TlsFields.HS_VERSION, tvb, off, 2);
        version = tvb.u16(off);
        serverDir = dir;
        int len = tvb.u8(off + 2);
        t.add(DtlsFields.COOKIE_LENGTH, tvb, off + 2, 1);
        if (len > 0) t.add(DtlsFields.COOKIE, tvb, off + 3, Math.min(len, end - off - 3));
    }

    private static FieldDef mirror(FieldDef tls) { return DtlsFields.mirror(tls); }

    /** The TLS version whose rules a DTLS version's messages follow (RFC 6347: 1.0 is TLS 1.1, 1.2 is TLS 1.2). */
    private int tlsVersion() {
        if (decryptor.version() == TlsVersions.DTLS13) return TlsVersions.TLS13;
        return switch (version) {
            case TlsVersions.DTLS12 -> TlsVersions.TLS12;
            case TlsVersions.DTLS13 -> TlsVersions.TLS13;
            default -> TlsVersions.TLS11;
        };
    }

    /** What the TLS message dissectors ask of the connection they run in. */
    private final class Context implements HandshakeContext {
        private final FrameDissection fd;
        private final int dir;

        Context(FrameDissection fd, int dir) {
            this.fd = fd;
            this.dir = dir;
        }

        @Override public FrameDissection frame() { return fd; }

        @Override public int sessionVersion() { return tlsVersion(); }

        @Override public int tls13Draft() { return 0; }

        @Override public int cipherSuite() { return cipherSuite; }

        @Override public boolean fromServer() { return dir == serverDir; }

        @Override public void onClientHello(HelloInfo hello) { }

        @Override public void onServerHello(HelloInfo hello, boolean hrr) {
            if (hello == null) return;
            serverDir = dir;
            if (hello.legacyVersion > 0) version = hello.legacyVersion;
            if (!hello.cipherSuites.isEmpty()) cipherSuite = hello.cipherSuites.get(0);
        }

        @Override public void onSessionTicket(byte[] ticket, long lifetime, boolean tls13) {
            if (ticket != null && ticket.length > 0 && !tls13 && tickets.size() < 64) tickets.add(new Ticket(fd.number, ticket));
        }

        @Override public void onServerHelloDone() { }

        @Override public void onEncryptedExtensions(HelloInfo ee) { }
    }

    /** One message being put together from its fragments. */
    private static final class Reassembly {
        final byte[] bytes;
        final boolean[] have;
        final List<DataSource.Chunk> chunks = new ArrayList<>();
        final List<long[]> fragments = new ArrayList<>(); // {frame, offset, length}
        int filled;
        boolean done;

        Reassembly(int type, int length) {
            this.bytes = new byte[length];
            this.have = new boolean[length];
        }

        void add(int frame, Tvb tvb, int from, int fragOff, int len) {
            len = Math.min(len, bytes.length - fragOff);
            if (len <= 0 || !tvb.has(from, len)) return;
            System.arraycopy(tvb.data, from, bytes, fragOff, len);
            for (int i = fragOff; i < fragOff + len; i++) {
                if (!have[i]) {
                    have[i] = true;
                    filled++;
                }
            }
            fragments.add(new long[] {frame, fragOff, len});
            if (tvb.source == 0) chunks.add(new DataSource.Chunk(frame, from, fragOff, len));
        }

        boolean complete() { return filled == bytes.length; }

        /** tshark's "[N Message fragments (L bytes): #f(len), ...]" item. */
        void fragmentTree(ProtoNode rec, Tvb full) {
            StringBuilder sb = new StringBuilder();
            sb.append(fragments.size()).append(" Message fragments (").append(bytes.length).append(" bytes): ");
            for (int i = 0; i < fragments.size(); i++) {
                long[] f = fragments.get(i);
                sb.append(i == 0 ? "" : ", ").append('#').append(f[0]).append('(').append(f[2]).append(')');
            }
            ProtoNode t = rec.addValue(DtlsFields.FRAGMENTS, full, full.start, full.length(), null, sb.toString())
                    .setGenerated(true);
            for (long[] f : fragments) {
                t.addValue(DtlsFields.FRAGMENT, full, full.start + (int) f[1], (int) f[2], f[0],
                        "Frame: " + f[0] + ", payload: " + f[1] + "-" + (f[1] + f[2] - 1) + " (" + f[2] + " bytes)")
                        .setGenerated(true);
            }
            t.addValue(DtlsFields.FRAGMENT_COUNT, full, full.start, 0, (long) fragments.size()).setGenerated(true);
            t.addValue(DtlsFields.REASSEMBLED_LENGTH, full, full.start, full.length(), (long) bytes.length)
                    .setGenerated(true);
        }
    }
}
