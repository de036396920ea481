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
import tlslens.dissect.tls.base.TlsFields;
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
 * One DTLS 1.0/1.2 association (RFC 6347) over one UDP conversation: its records (epoch and
 * sequence number), handshake messages cut into fragments and put together again by message_seq,
 * HelloVerifyRequest cookies, retransmitted messages marked. Message bodies are read by the TLS
 * message dissectors and shown under DTLS's field names, as Wireshark does.
 */
public final class DtlsAssociation {
    /** Handshake messages larger than this are not buffered for reassembly. */
    private static final int MAX_MESSAGE = 1 << 20;
    /** Messages being reassembled at once per direction (a handshake has a handful; junk could start thousands). */
    private static final int MAX_PENDING = 16;

    private int version = -1;
    private int serverDir = -1;
    private int cipherSuite = -1;
    /** Per direction: message_seq → its reassembly; message_seq → frame where it was first whole. */
    private final List<Map<Integer, Reassembly>> pending = List.of(new HashMap<>(), new HashMap<>());
    private final List<Map<Integer, Long>> whole = List.of(new HashMap<>(), new HashMap<>());
    private final List<Step> steps = new ArrayList<>();
    /** The hellos read, in order (a retransmitted one again): for the connection model. */
    private final List<HelloInfo> hellos = new ArrayList<>();

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

    public int cipherSuite() { return cipherSuite; }

    /** Direction of the server (the sender of HelloVerifyRequest or ServerHello), -1 until known. */
    public int serverDirection() { return serverDir; }

    public List<Step> steps() { return List.copyOf(steps); }

    /** The ClientHellos and ServerHellos read, in order (kind tells them apart); at most a few dozen are kept. */
    public List<HelloInfo> hellos() { return List.copyOf(hellos); }

    /** Dissects the records of one datagram's payload [off, end) sent in direction dir. */
    public void dissect(FrameDissection fd, Tvb tvb, int off, int end, int dir) {
        ProtoNode dtls = fd.root.addValue(DtlsFields.DTLS, tvb, off, end - off, null);
        fd.context().flag(FrameContext.TLS);
        while (off < end) {
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
            String what = switch (ct) {
                case ContentTypes.HANDSHAKE -> handshake(fd, rec, tvb, body, recEnd, dir, epoch);
                case ContentTypes.CHANGE_CIPHER_SPEC -> {
                    rec.add(mirror(TlsFields.CHANGE_CIPHER_SPEC), tvb, body, recEnd - body);
                    steps.add(new Step(fd.number, dir, ct, -1, recEnd - body, epoch, false));
                    fd.appendInfo("Change Cipher Spec");
                    fd.context().flag(FrameContext.CHANGE_CIPHER_SPEC);
                    yield "Change Cipher Spec Protocol: Change Cipher Spec";
                }
                case ContentTypes.ALERT -> alert(fd, rec, tvb, body, recEnd, dir, epoch);
                case ContentTypes.APPLICATION_DATA -> {
                    rec.add(mirror(TlsFields.APP_DATA), tvb, body, recEnd - body);
                    fd.appendInfo("Application Data");
                    fd.context().flag(FrameContext.APPLICATION_DATA);
                    yield "Application Data Protocol: Application Data";
                }
                default -> "Unknown";
            };
            String label = before >= 0 ? shortName(before) : shortName(version);
            rec.setText(what == null ? "Record Layer" : label + " Record Layer: " + what);
            off = recEnd;
        }
        fd.setProtocol(shortName(version));
    }

    private static String shortName(int version) {
        if (version < 0) return "DTLS";
        String s = TlsVersions.shortName(version);
        return s == null ? "DTLS" : s;
    }

    private String alert(FrameDissection fd, ProtoNode rec, Tvb tvb, int off, int end, int dir, int epoch) {
        ProtoNode msg = rec.add(mirror(TlsFields.ALERT_MESSAGE), tvb, off, end - off);
        fd.context().flag(FrameContext.ALERT);
        // An alert after ChangeCipherSpec (epoch > 0) is encrypted. tshark 4.0 (dissect_dtls_alert) reads
        // any two bytes naming a known level and description as a clear alert, so it misreads ciphertext
        // that happens to start so; TLS Lens does not (a listed divergence).
        String level = end - off >= 2 ? AlertLevels.wiresharkName(tvb.u8(off)) : null;
        String desc = end - off >= 2 ? AlertDescriptions.wiresharkName(tvb.u8(off + 1)) : null;
        if (epoch > 0 || level == null || desc == null) {
            msg.setText("Alert Message: Encrypted Alert");
            fd.appendInfo("Encrypted Alert");
            steps.add(new Step(fd.number, dir, ContentTypes.ALERT, -1, end - off, epoch, false));
            return "Encrypted Alert";
        }
        msg.add(mirror(TlsFields.ALERT_LEVEL), tvb, off, 1);
        msg.add(mirror(TlsFields.ALERT_DESCRIPTION), tvb, off + 1, 1);
        String text = "Alert (Level: " + level + ", Description: " + desc + ")";
        fd.appendInfo(text);
        steps.add(new Step(fd.number, dir, ContentTypes.ALERT, -1, end - off, epoch, false));
        return text;
    }

    /** The handshake record's messages; returns the record label's tail (null: tshark's bare "Record Layer"). */
    private String handshake(FrameDissection fd, ProtoNode rec, Tvb tvb, int off, int end, int dir, int epoch) {
        fd.context().flag(FrameContext.HANDSHAKE);
        if (epoch > 0) {
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
            case HandshakeTypes.CLIENT_HELLO -> keep(HelloMessages.clientHello(c, scratch, tvb, off, end,
                    DtlsFields.COOKIE_LENGTH, DtlsFields.COOKIE));
            case HandshakeTypes.SERVER_HELLO -> {
                HelloInfo sh = HelloMessages.serverHello(c, scratch, tvb, off, end, false);
                keep(sh);
                c.onServerHello(sh, false);
            }
            case HandshakeTypes.HELLO_VERIFY_REQUEST -> helloVerifyRequest(scratch, tvb, off, end, dir);
            case HandshakeTypes.CERTIFICATE -> CertificateMessages.certificate(c, scratch, tvb, off, end);
            case HandshakeTypes.SERVER_KEY_EXCHANGE -> KeyExchangeMessages.serverKeyExchange(c, scratch, tvb, off, end);
            case HandshakeTypes.CERTIFICATE_REQUEST -> CertificateMessages.certificateRequest(c, scratch, tvb, off, end);
            case HandshakeTypes.CERTIFICATE_VERIFY -> KeyExchangeMessages.certificateVerify(c, scratch, tvb, off, end);
            case HandshakeTypes.CLIENT_KEY_EXCHANGE -> KeyExchangeMessages.clientKeyExchange(c, scratch, tvb, off, end);
            case HandshakeTypes.NEW_SESSION_TICKET -> SimpleMessages.newSessionTicket(c, scratch, tvb, off, end);
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

        @Override public void onSessionTicket(byte[] ticket, long lifetime, boolean tls13) { }

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
