package tlslens.dissect.tls;

import static tlslens.dissect.tls.base.TlsFields.*;

import java.util.List;

import tlslens.dissect.FrameContext;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.Malformed;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.base.FinishedCheck;
import tlslens.dissect.tls.base.HandshakeContext;
import tlslens.dissect.tls.base.HelloInfo;
import tlslens.dissect.tls.base.TlsExperts;
import tlslens.dissect.tls.base.TlsFields;
import tlslens.dissect.tls.decrypt.ConnectionDecryptor;
import tlslens.dissect.tls.decrypt.DecryptionStatus;
import tlslens.dissect.tls.decrypt.TlsSecrets;
import tlslens.dissect.tls.messages.HelloMessages;
import tlslens.dissect.tls.names.AlertDescriptions;
import tlslens.dissect.tls.names.AlertLevels;
import tlslens.dissect.tls.names.CipherSuiteInfo;
import tlslens.dissect.tls.names.ContentTypes;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.dissect.tls.names.HeartbeatMessageTypes;
import tlslens.dissect.tls.names.TlsVersions;

/**
 * One TCP connection (tcp.stream) carrying TLS: dissects its records one at a time, in capture
 * order, and keeps the state Wireshark keeps per conversation: the session version (which drives
 * the Protocol column and record labels), the cipher suite, which side changed cipher spec, a
 * handshake message being reassembled per direction, and the connection's {@link HandshakeLog}.
 */
public final class TlsConnection {
    private final int tcpStream;
    /** Wireshark's session->version: 0 until an authoritative record or ServerHello sets it. */
    private int version;
    private int tls13Draft;
    private int cipherSuite = -1;
    /** Wireshark's is_session_resumed: a ServerHello not (yet) followed by ServerHelloDone. */
    private boolean resumptionCandidate;
    /** Per direction: a TLS &lt;= 1.2 ChangeCipherSpec was sent, so later handshake records are encrypted. */
    private final boolean[] changedCipher = new boolean[2];
    private final int[] recordsSeen = new int[2];
    private int serverDir = 1;
    private boolean serverDirKnown;
    private boolean earlyData;
    /** Per direction, made when a record first carries handshake bytes; let go when the connection ends. */
    private final HandshakeReassembler[] reassembly = new HandshakeReassembler[2];
    /** Set by STARTTLS handling or ALPN; names the protocol inside the records. */
    private String appProtocol;
    private String alpnProtocol;
    private int recordIndex;
    private HelloInfo clientHello;
    private HelloInfo serverHello;
    private final HandshakeLog log = new HandshakeLog();
    private final long[] appDataRecords = new long[2];
    private final long[] appDataBytes = new long[2];
    private final int[] ports = {-1, -1};

    private ConnectionDecryptor decryptor;
    /** Without keys, once the connection ended: its decryption status and ClientHello random, kept without the decryptor. */
    private DecryptionStatus endedStatus;
    private byte[] endedClientRandom;
    private final boolean keys;
    private final PlaintextLog plaintext;

    public TlsConnection(int tcpStream) {
        this(tcpStream, null, false);
    }

    /**
     * A connection that decrypts with {@code secrets} (null: no key log) and, when
     * {@code keepPlaintext}, keeps the decrypted application data for {@link #plaintext()}.
     */
    public TlsConnection(int tcpStream, TlsSecrets secrets, boolean keepPlaintext) {
        this.tcpStream = tcpStream;
        this.decryptor = new ConnectionDecryptor(secrets);
        this.keys = secrets != null;
        this.plaintext = keepPlaintext ? new PlaintextLog() : null;
    }

    /** How decryption went on this connection: decrypted / no keys / keys did not match (with why). */
    public DecryptionStatus decryption() { return endedStatus != null ? endedStatus : decryptor.status(); }

    /** The ClientHello random (32 bytes) or null: the key log's lookup key for this connection. */
    public byte[] clientRandom() {
        if (endedStatus == null) return decryptor.clientRandom();
        return endedClientRandom == null ? null : endedClientRandom.clone();
    }

    /** The key schedule this connection used, from the key log and its handshake; null without a key log. */
    public tlslens.dissect.tls.decrypt.KeySchedule keySchedule() { return endedStatus != null ? null : decryptor.keySchedule(); }

    /**
     * The decrypted application data, per direction and record, when this connection was made to
     * keep it (see the constructor); null otherwise.
     */
    public PlaintextLog plaintext() { return plaintext; }

    public int tcpStream() { return tcpStream; }

    /**
     * Whether an SSLv2 record header is acceptable next in direction dir (only as the very first
     * record of a direction, or on an SSLv2 connection).
     */
    public boolean allowSsl2(int dir) {
        return recordsSeen[dir == 0 ? 0 : 1] == 0 || version == TlsVersions.SSL2;
    }

    /** The TCP ports of the initiator (dir 0) and responder, when the pipeline knows them. */
    public void setPorts(int initiatorPort, int responderPort) {
        ports[0] = initiatorPort;
        ports[1] = responderPort;
    }

    /**
     * Names the application protocol inside the records (as a STARTTLS handover does in
     * Wireshark): "Simple Mail Transfer Protocol", ...; null to go back to ALPN / ports.
     */
    public void setAppProtocol(String longName) { this.appProtocol = longName; }

    /**
     * Dissects one complete record (exactly the record's bytes, header included, in {@code record})
     * sent in direction dir (0 = from the TCP initiator, 1 = the other way). Adds the "TLSv1.2
     * Record Layer: ..." subtree under {@code tls}, updates fd's Protocol and Info columns in
     * tshark's manner, keeps the connection's state. Never throws.
     */
    public void dissectRecord(FrameDissection fd, ProtoNode tls, Tvb record, int dir) {
        if (fd == null || tls == null || record == null) return;
        int d = dir == 0 ? 0 : 1;
        int index = recordIndex++;
        try {
            dissect(fd, tls, record, d, index);
        } catch (RuntimeException e) {
            // Last resort: every read is bounds-checked, so this is a bug; show it, do not spread it.
            ProtoNode m = tls.malformed(record, record.start, record.length(), "TLS");
            m.expert(Malformed.DISSECTOR_BUG.note("Dissector bug: " + e));
        } finally {
            recordsSeen[d]++;
        }
    }

    /**
     * Dissects whole handshake messages [off, end) of {@code tvb} that QUIC's CRYPTO frames carried
     * (RFC 9001 4: TLS 1.3 without its record layer), sent in direction dir: under {@code parent} a
     * "TLSv1.3 Record Layer: Handshake Protocol: ..." item as tshark shows it, the messages under it.
     * The Protocol and Info columns stay QUIC's. Never throws.
     */
    public void dissectQuicCrypto(FrameDissection fd, ProtoNode parent, Tvb tvb, int off, int end, int dir) {
        if (fd == null || parent == null || tvb == null || off >= end) return;
        int d = dir == 0 ? 0 : 1;
        String protocol = fd.protocol();
        String info = fd.info();
        version = TlsVersions.TLS13;
        Ctx ctx = new Ctx(fd, d, recordIndex++);
        ctx.recordContentType = ContentTypes.HANDSHAKE;
        ProtoNode tls = parent.addValue(TlsFields.TLS, tvb, off, end - off, null);
        try {
            boolean first = true;
            while (off + 4 <= end) {
                int len = 4 + tvb.u24(off + 1);
                if (off + len > end) break;
                HandshakeDissector.dissectMessage(ctx, ctx, tls, tvb, off, TlsVersions.TLS13, first);
                first = false;
                off += len;
            }
        } catch (RuntimeException e) {
            ProtoNode m = tls.malformed(tvb, off, end - off, "TLS");
            m.expert(Malformed.DISSECTOR_BUG.note("Dissector bug: " + e));
        }
        fd.setProtocol(protocol);
        fd.setInfo(info);
    }

    /** Bytes were lost in direction dir: drop any partial handshake message being reassembled and note it. */
    public void onGap(int dir, long missingBytes) {
        int d = dir == 0 ? 0 : 1;
        if (reassembly[d] != null) reassembly[d].reset();
        log.addGap(new HandshakeLog.Gap(d, missingBytes, lastFrame));
    }

    // ---- read-only state for the connection model ------------------------------------------

    public HandshakeLog log() { return log; }

    /** The session version as tshark tracks it (0 while unknown; 0x0002 for SSLv2). */
    public int version() { return version; }

    /** The negotiated cipher suite, -1 while unknown. */
    public int cipherSuite() { return cipherSuite; }

    /** The last ClientHello (also an SSLv2-format one), or null. */
    public HelloInfo clientHello() { return clientHello; }

    /** The last ServerHello or HelloRetryRequest, or null. */
    public HelloInfo serverHello() { return serverHello; }

    /** Direction (0 or 1) of the server: the peer of the ClientHello's sender, else the responder. */
    public int serverDirection() { return serverDir; }

    public long applicationDataRecords(int dir) { return appDataRecords[dir == 0 ? 0 : 1]; }

    public long applicationDataBytes(int dir) { return appDataBytes[dir == 0 ? 0 : 1]; }

    /** Bytes of a handshake message waiting for its next fragment in direction dir. */
    public int pendingHandshakeBytes(int dir) { return reassembly[dir == 0 ? 0 : 1] == null ? 0 : reassembly[dir == 0 ? 0 : 1].size(); }

    int pendingHandshakeCapacity(int dir) { return reassembly[dir == 0 ? 0 : 1] == null ? 0 : reassembly[dir == 0 ? 0 : 1].capacity(); }

    private HandshakeReassembler reassembly(int dir) {
        if (reassembly[dir] == null) reassembly[dir] = new HandshakeReassembler();
        return reassembly[dir];
    }

    /**
     * The connection ended (its transport closed): lets go of the handshake fragments waiting for more
     * and of the decryption state (see ConnectionDecryptor.release; the transcript stays when
     * {@code keepKeySchedule}). The log, the hellos and the decryption status stay for the connection
     * model. A record that still comes is dissected, left encrypted.
     */
    public void release(boolean keepKeySchedule) {
        reassembly[0] = null;
        reassembly[1] = null;
        decryptor.release(keepKeySchedule);
        log.trim();
        if (!keys && endedStatus == null) {
            // No key log: the key schedule is null anyway, and the status is all that is read of the decryptor.
            endedStatus = decryptor.status();
            endedClientRandom = decryptor.clientRandom();
            decryptor = ConnectionDecryptor.ENDED;
        }
    }

    /** Whether the connection holds state for records to come: handshake fragments or decryption keys. */
    public boolean holdsState() {
        return reassembly[0] != null || reassembly[1] != null || !decryptor.released();
    }

    /** True once direction dir sent a ChangeCipherSpec of TLS 1.2 or earlier. */
    public boolean changedCipherSpec(int dir) { return changedCipher[dir == 0 ? 0 : 1]; }

    // ---- record layer ------------------------------------------------------------------------

    /** Frame number of the previous record (an engine sees each frame once). */
    private long lastFrame;
    private boolean firstInFrame;

    private void dissect(FrameDissection fd, ProtoNode tls, Tvb tvb, int dir, int index) {
        // Compare frame numbers, not frames: a connection must not keep a frame's tree alive.
        firstInFrame = fd.number != lastFrame;
        lastFrame = fd.number;
        Ctx ctx = new Ctx(fd, dir, index);
        int off = tvb.start;
        int avail = tvb.length();
        if (avail <= 0) return;
        // Which record layer: by the session's version, else by Wireshark's heuristics (dissect_ssl).
        boolean ssl2;
        if (version == TlsVersions.SSL2) {
            ssl2 = true;
        } else if (version == TlsVersions.SSL3 || version == TlsVersions.TLS10 || version == TlsVersions.TLS11
                || version == TlsVersions.TLS12 || version == TlsVersions.GMTLS) {
            ssl2 = isSsl2ClientHello(tvb, off);
        } else if (looksLikeSsl2(tvb, off)) {
            ssl2 = true;
        } else if (looksLikeSsl3(tvb, off)) {
            ssl2 = false;
        } else {
            fd.appendInfo("Continuation Data");
            return;
        }
        if (ssl2) {
            int[] v = {version};
            int type = Ssl2Dissector.dissect(ctx, tls, tvb, v);
            version = v[0];
            log.addMessage(new HandshakeLog.Message(fd.number, dir, type < 0 ? HandshakeLog.ENCRYPTED : type,
                    HandshakeLog.SSL2_RECORD, avail, type < 0, index));
            return;
        }
        dissectTls(ctx, tls, tvb, dir, index);
    }

    private static boolean isSsl2ClientHello(Tvb tvb, int off) {
        return tvb.u8(off) == 0x80 && tvb.u8(off + 2) == 0x01;
    }

    /** Wireshark's ssl_looks_like_sslv2: a cleartext SSLv2 handshake message with a 2-byte header. */
    private static boolean looksLikeSsl2(Tvb tvb, int off) {
        if (tvb.u8(off) < 0x80) return false;
        int type = tvb.u8(off + 2);
        return type == 0 || type == 1 || type == 2 || type == 4;
    }

    /** Wireshark's ssl_looks_like_sslv3: a valid content type and a known version. */
    private static boolean looksLikeSsl3(Tvb tvb, int off) {
        if (!validContentType(tvb.u8(off))) return false;
        int v = tvb.u16(off + 1);
        return v == TlsVersions.SSL3 || v == TlsVersions.TLS10 || v == TlsVersions.TLS11 || v == TlsVersions.TLS12
                || v == TlsVersions.TLS13 || v == TlsVersions.GMTLS;
    }

    /** Wireshark 4.0's ssl_is_valid_content_type: CCS, Alert, Handshake, Application Data, Heartbeat, tls12_cid. */
    private static boolean validContentType(int ct) {
        return ct >= ContentTypes.CHANGE_CIPHER_SPEC && ct <= ContentTypes.TLS12_CID;
    }

    private void dissectTls(Ctx ctx, ProtoNode tls, Tvb tvb, int dir, int index) {
        FrameDissection fd = ctx.fd;
        int off = tvb.start;
        int avail = tvb.length();
        // Wireshark sets the column from the session's version once per call, i.e. per frame.
        if (version != 0 && firstInFrame) fd.setProtocol(TlsVersions.columnName(version));
        int ct = tvb.u8(off);
        ctx.recordContentType = ct;
        // TLS 1.0-1.2 ignore unknown record types (RFC 2246 6).
        if ((version == TlsVersions.TLS10 || version == TlsVersions.TLS11 || version == TlsVersions.TLS12)
                && !validContentType(ct)) {
            tls.addExpert(TlsExperts.IGNORED_UNKNOWN_RECORD, tvb, off, avail, "Ignored Unknown Record");
            fd.appendInfo("Ignored Unknown Record");
            return;
        }
        if (avail < TlsRecordFramer.HEADER_LENGTH) {
            tls.malformed(tvb, off, avail, "TLS");
            return;
        }
        int recordVersion = tvb.u16(off + 1);
        int length = tvb.u16(off + 3);
        if (!validContentType(ct)) {
            fd.appendInfo("Continuation Data");
            return;
        }
        ProtoNode rec = tls.addValue(RECORD, tvb, off, 5 + length, null);
        ProtoNode ctItem;
        if (version == TlsVersions.TLS13 && ct == ContentTypes.APPLICATION_DATA) {
            ctItem = rec.add(RECORD_OPAQUE_TYPE, tvb, off, 1);
        } else {
            ctItem = rec.add(RECORD_CONTENT_TYPE, tvb, off, 1);
        }
        rec.add(RECORD_VERSION, tvb, off + 1, 2);
        ProtoNode lengthItem = rec.addValue(RECORD_LENGTH, tvb, off + 3, 2, (long) length);
        int body = off + 5;
        int end = body + length;
        if (end > tvb.end) {
            // The pipeline hands over whole records; if not, show what is there.
            rec.malformed(tvb, tvb.end, 0, "TLS");
            end = tvb.end;
        }

        int labelVersion;
        if (version == 0) {
            trySetVersion(ct, tvb.u8(body), recordVersion);
            fd.setProtocol(shortName(recordVersion, "SSL"));
            labelVersion = recordVersion;
        } else {
            labelVersion = version;
        }
        int max = labelVersion == TlsVersions.TLS13 ? 256 : 2048;
        if (length > (1 << 14) + max) {
            lengthItem.expert(TlsExperts.RECORD_LENGTH_INVALID.note("TLSCiphertext length MUST NOT exceed 2^14 + " + max));
        }

        Tvb plain = null;
        ConnectionDecryptor.Decrypted dec = ct != ContentTypes.CHANGE_CIPHER_SPEC && end > body
                ? decryptor.decrypt(ctx.fromServer(), ct, recordVersion, tvb, body, end - body) : null;
        if (dec != null && dec.ok()) {
            byte[] p = dec.plaintext();
            plain = ctx.fd.addSource("Decrypted TLS (" + p.length + " bytes)", p,
                    HandshakeDissector.frameChunks(ctx.fd, tvb, body, Math.min(p.length, end - body)));
            if (ct == ContentTypes.APPLICATION_DATA && labelVersion == TlsVersions.TLS13) {
                ct = dec.contentType();
                rec.addGenerated(RECORD_CONTENT_TYPE, (long) ct);
            }
            if (dec.keyOrigin() != null) {
                rec.child(new ProtoNode(null, null, "[Decrypted with key from " + dec.keyOrigin() + "]", plain.source,
                        plain.start, 0)).setGenerated(true);
            }
            if (dec.error() != null) rec.expert(TlsExperts.DECOMPRESSION_ERROR.note(dec.error()));
            if (ct == ContentTypes.APPLICATION_DATA && plaintext != null) plaintext.add(dir, fd.number, p);
        } else {
            if (dec != null && !dec.skipped()) {
                rec.expert(TlsExperts.DECRYPTION_FAILED.note("Record did not decrypt: " + dec.error()));
            }
            // With a NULL cipher the "ciphertext" is the plaintext and a MAC: Wireshark reads it without keys.
            plain = ct != ContentTypes.CHANGE_CIPHER_SPEC && length > 0 ? nullCipherPlaintext(ctx, tvb, body, end) : null;
        }
        boolean decrypted = dec != null && dec.ok();
        if (decrypted && (ct == ContentTypes.HANDSHAKE || ct == ContentTypes.ALERT)) fd.context().flag(FrameContext.DECRYPTED);

        fd.context().flag(recordFlag(ct));
        switch (ct) {
            case ContentTypes.CHANGE_CIPHER_SPEC -> changeCipherSpec(ctx, rec, ctItem, tvb, body, labelVersion, index);
            case ContentTypes.ALERT -> {
                if (plain != null) alert(ctx, rec, plain, plain.start, decrypted ? plain.end : plain.start + 2);
                else alert(ctx, rec, tvb, body, end);
            }
            case ContentTypes.HANDSHAKE -> {
                if (plain != null) {
                    HandshakeDissector.dissectRecord(ctx, ctx, reassembly(dir), rec, plain, plain.start, plain.end,
                            labelVersion, false, true);
                } else {
                    HandshakeDissector.dissectRecord(ctx, ctx, reassembly(dir), rec, tvb, body, end, labelVersion,
                            changedCipher[dir], false);
                }
            }
            case ContentTypes.APPLICATION_DATA -> applicationData(ctx, rec, tvb, body, end, labelVersion, plain);
            case ContentTypes.HEARTBEAT -> {
                if (labelVersion == TlsVersions.TLS13) {
                    ctItem.expert(TlsExperts.UNEXPECTED_MESSAGE.note("Record type is not allowed in TLS 1.3"));
                } else if (plain != null) {
                    heartbeat(ctx, rec, plain, plain.start, plain.end, true);
                } else {
                    heartbeat(ctx, rec, tvb, body, end, !changedCipher[dir]);
                }
            }
            default -> { }
        }
    }

    /**
     * The plaintext of a record protected by a NULL-cipher suite (TLS_RSA_WITH_NULL_SHA256, ...)
     * after this direction's ChangeCipherSpec: the record minus its MAC, as a "Decrypted TLS"
     * source. Null when the record is not of that kind. Like Wireshark, needs both hellos' randoms.
     */
    private Tvb nullCipherPlaintext(Ctx ctx, Tvb tvb, int body, int end) {
        if (!changedCipher[ctx.dir] || version == TlsVersions.TLS13 || version == TlsVersions.SSL2 || version == 0)
            return null;
        if (clientHello == null || clientHello.random == null || serverHello == null || serverHello.random == null)
            return null;
        CipherSuiteInfo info = cipherSuite < 0 ? null : CipherSuiteInfo.of(cipherSuite);
        if (info == null || info.cipher() != CipherSuiteInfo.BulkCipher.NULL) return null;
        int mac = info.mac().length;
        if (mac <= 0 || end - body < mac) return null;
        int n = end - body - mac;
        byte[] bytes = tvb.bytes(body, n);
        return ctx.fd.addSource("Decrypted TLS (" + n + " bytes)", bytes,
                HandshakeDissector.frameChunks(ctx.fd, tvb, body, n));
    }

    /** Wireshark's ssl_try_set_version: only authoritative messages (not a ClientHello) set the version. */
    private void trySetVersion(int contentType, int handshakeType, int v) {
        boolean authoritative = contentType == ContentTypes.HANDSHAKE
                ? HandshakeTypes.wiresharkName(handshakeType) != null
                        && handshakeType != HandshakeTypes.HELLO_VERIFY_REQUEST
                        && handshakeType != HandshakeTypes.CLIENT_HELLO
                : validContentType(contentType);
        if (!authoritative) return;
        int draft = 0;
        if (contentType == ContentTypes.HANDSHAKE && handshakeType == HandshakeTypes.SERVER_HELLO) {
            draft = HelloMessages.draftVersion(v);
            if (draft != 0) v = TlsVersions.TLS13;
        }
        switch (v) {
            case TlsVersions.SSL3, TlsVersions.TLS10, TlsVersions.TLS11, TlsVersions.TLS12, TlsVersions.TLS13 -> {
                tls13Draft = draft;
                version = v;
            }
            default -> { }
        }
    }

    private void changeCipherSpec(Ctx ctx, ProtoNode rec, ProtoNode ctItem, Tvb tvb, int body, int labelVersion,
                                  int index) {
        if (labelVersion == TlsVersions.TLS13 && tls13Draft > 0 && tls13Draft < 22) {
            // CCS came back in TLS 1.3 draft -22.
            ctItem.expert(TlsExperts.UNEXPECTED_MESSAGE.note("Record type is not allowed in TLS 1.3"));
            return;
        }
        ctx.fd.appendInfo("Change Cipher Spec");
        rec.setText(shortName(version, "SSL") + " Record Layer: "
                + ContentTypes.wiresharkName(ContentTypes.CHANGE_CIPHER_SPEC) + " Protocol: Change Cipher Spec");
        ProtoNode item = rec.add(TlsFields.CHANGE_CIPHER_SPEC, tvb, body, 1);
        log.addChangeCipherSpec(new HandshakeLog.ChangeCipherSpec(ctx.fd.number, ctx.dir, index));
        if (version == TlsVersions.TLS13) return; // a dummy for middleboxes in TLS 1.3
        changedCipher[ctx.dir] = true;
        decryptor.changeCipherSpec(ctx.fromServer());
        boolean fromServer = ctx.fromServer();
        if (fromServer && resumptionCandidate) {
            ctx.fd.context().flag(FrameContext.RESUMED);
            item.expert(TlsExperts.RESUMED.note());
        }
        // Any later ChangeCipherSpec is not a resumption of this session.
        if (fromServer) resumptionCandidate = false;
    }

    private void alert(Ctx ctx, ProtoNode rec, Tvb tvb, int off, int end) {
        int len = end - off;
        ProtoNode msg = rec.add(ALERT_MESSAGE, tvb, off, len);
        if (len != 2) {
            // Alerts are not fragmented; anything but two bytes is taken to be encrypted.
            ctx.fd.appendInfo("Encrypted Alert");
            rec.setText(shortName(version, "TLS") + " Record Layer: Encrypted Alert");
            msg.setText("Alert Message: Encrypted Alert");
            log.addAlert(new HandshakeLog.Alert(ctx.fd.number, ctx.dir, -1, -1, ctx.recordContentType, true));
            return;
        }
        int level = tvb.u8(off);
        int desc = tvb.u8(off + 1);
        String levelName = orUnknown(AlertLevels.wiresharkName(level));
        String descName = orUnknown(AlertDescriptions.wiresharkName(desc));
        String text = "Alert (Level: " + levelName + ", Description: " + descName + ")";
        ctx.fd.appendInfo(text);
        rec.setText(shortName(version, "TLS") + " Record Layer: " + text);
        msg.add(ALERT_LEVEL, tvb, off, 1);
        msg.add(ALERT_DESCRIPTION, tvb, off + 1, 1);
        log.addAlert(new HandshakeLog.Alert(ctx.fd.number, ctx.dir, level, desc, ctx.recordContentType, false));
    }

    private void applicationData(Ctx ctx, ProtoNode rec, Tvb tvb, int off, int end, int labelVersion, Tvb plain) {
        ctx.fd.appendInfo("Application Data");
        String proto = appProtocol(ctx.fd);
        rec.setText(shortName(labelVersion, "SSL") + " Record Layer: "
                + ContentTypes.wiresharkName(ContentTypes.APPLICATION_DATA) + " Protocol: "
                + (proto != null ? proto : "Application Data"));
        rec.add(APP_DATA, tvb, off, end - off);
        if (proto != null) rec.addGenerated(APP_DATA_PROTO, proto);
        // As tshark: decrypted data no application dissector claims is shown by the "data" dissector.
        if (plain != null && plain.length() > 0 && proto == null) {
            ProtoNode data = ctx.fd.root.addValue(DATA, plain, plain.start, plain.length(), null,
                    "Data (" + plain.length() + " byte" + (plain.length() == 1 ? "" : "s") + ")");
            data.add(DATA_DATA, plain, plain.start, plain.length());
            data.addGenerated(DATA_LEN, (long) plain.length());
        }
        appDataRecords[ctx.dir]++;
        appDataBytes[ctx.dir] += end - off;
        log.addApplicationData(new HandshakeLog.ApplicationData(ctx.fd.number, ctx.dir, end - off, ctx.index));
    }

    /** Wireshark's dissect_ssl3_heartbeat; {@code plaintext} before this side's ChangeCipherSpec. */
    private void heartbeat(Ctx ctx, ProtoNode rec, Tvb tvb, int off, int end, boolean plaintext) {
        int len = end - off;
        ProtoNode hb = rec.add(HEARTBEAT_MESSAGE, tvb, off, len);
        int type = tvb.u8(off);
        String typeName = len >= 1 ? HeartbeatMessageTypes.wiresharkName(type) : null;
        int payloadLength = tvb.u16(off + 1);
        int paddingLength = len - 3 - payloadLength;
        boolean decrypted = plaintext;
        // Assume plaintext if the record is too small for type, length, payload and 16 bytes of padding.
        if (len <= 19 || 3 + payloadLength + 16 <= len) decrypted = true;
        if (typeName != null && decrypted && len >= 3) {
            ctx.fd.appendInfo("Heartbeat " + typeName);
            rec.setText(shortName(version, "SSL") + " Record Layer: Heartbeat " + typeName);
            hb.add(HEARTBEAT_TYPE, tvb, off, 1);
            ProtoNode pl = hb.addValue(HEARTBEAT_PAYLOAD_LENGTH, tvb, off + 1, 2, (long) payloadLength);
            off += 3;
            if (3 + payloadLength + 16 > len) {
                pl.expert(TlsExperts.HEARTBEAT_PAYLOAD_LENGTH_INVALID.note(
                        "Invalid heartbeat payload length (" + payloadLength + ")"));
                payloadLength = len - 3;
                paddingLength = 0;
                pl.appendText(" (invalid, using " + payloadLength + " to decode payload)");
            }
            hb.addValue(HEARTBEAT_PAYLOAD, tvb, off, payloadLength, tvb.bytes(off, payloadLength),
                    "Payload (" + payloadLength + " byte" + (payloadLength == 1 ? "" : "s") + ")");
            off += payloadLength;
            if (paddingLength > 0) {
                hb.addValue(HEARTBEAT_PADDING, tvb, off, paddingLength, tvb.bytes(off, paddingLength),
                        "Padding and HMAC (" + paddingLength + " byte" + (paddingLength == 1 ? "" : "s") + ")");
            }
        } else {
            ctx.fd.appendInfo("Encrypted Heartbeat");
            rec.setText(shortName(version, "SSL") + " Record Layer: Encrypted Heartbeat");
            hb.setText("Encrypted Heartbeat Message");
        }
    }

    /** The protocol named in "Application Data Protocol: ...", or null for plain "Application Data". */
    private String appProtocol(FrameDissection fd) {
        if (appProtocol != null) return appProtocol;
        if (alpnProtocol != null) return alpnProtocol;
        int[] p = framePorts(fd);
        String byPort = p[0] >= 0 ? AppProtocols.byPort(p[0]) : null;
        if (byPort == null && p[1] >= 0) byPort = AppProtocols.byPort(p[1]);
        return byPort;
    }

    /** {srcport, dstport} of this frame: from the frame's context, else (no TCP layer) from setPorts. */
    private int[] framePorts(FrameDissection fd) {
        FrameContext c = fd.context();
        if (c.srcPort() >= 0 || c.dstPort() >= 0) return new int[] {c.srcPort(), c.dstPort()};
        return new int[] {ports[0], ports[1]};
    }

    /** What a record of this content type tells the packet list about its frame. */
    private static int recordFlag(int contentType) {
        return switch (contentType) {
            case ContentTypes.CHANGE_CIPHER_SPEC -> FrameContext.CHANGE_CIPHER_SPEC;
            case ContentTypes.ALERT -> FrameContext.ALERT;
            case ContentTypes.HANDSHAKE -> FrameContext.HANDSHAKE;
            case ContentTypes.APPLICATION_DATA -> FrameContext.APPLICATION_DATA;
            case ContentTypes.HEARTBEAT -> FrameContext.HEARTBEAT;
            default -> 0;
        };
    }

    private static String shortName(int v, String fallback) {
        String s = TlsVersions.shortName(v);
        return s != null ? s : fallback;
    }

    private static String orUnknown(String s) {
        return s != null ? s : "Unknown";
    }

    // ---- per-record context: what handshake dissectors read and report -----------------------

    private final class Ctx implements HandshakeContext, HandshakeDissector.RecordSink {
        final FrameDissection fd;
        final int dir;
        final int index;
        /** The record's content type as on the wire (application_data for TLS 1.3's encrypted records). */
        int recordContentType = HandshakeLog.SSL2_RECORD;

        Ctx(FrameDissection fd, int dir, int index) {
            this.fd = fd;
            this.dir = dir;
            this.index = index;
        }

        @Override public FrameDissection frame() { return fd; }

        @Override public int sessionVersion() { return version; }

        @Override public int tls13Draft() { return tls13Draft; }

        @Override public int cipherSuite() { return cipherSuite; }

        @Override public boolean fromServer() { return dir == serverDir; }

        @Override public void onClientHello(HelloInfo hello) {
            hello.compact(); // kept with the connection: made small once dissected
            clientHello = hello;
            log.addClientHello(hello);
            decryptor.clientHello(hello);
            // The ClientHello's receiver is the server (Wireshark's ssl_set_server).
            serverDir = 1 - dir;
            serverDirKnown = true;
            // early_data can only be TLS 1.3: the client's next records are 0-RTT data.
            earlyData = hello.earlyData;
            if (earlyData) version = TlsVersions.TLS13;
        }

        @Override public void onServerHello(HelloInfo hello, boolean hrr) {
            hello.compact();
            serverHello = hello;
            log.addServerHello(hello);
            decryptor.serverHello(hello, hrr);
            if (!serverDirKnown) {
                serverDir = dir;
                serverDirKnown = true;
            }
            if (!hello.cipherSuites.isEmpty()) cipherSuite = hello.cipherSuites.get(0);
            // Until a ServerHelloDone shows otherwise, assume an abbreviated (resumed) handshake.
            resumptionCandidate = true;
            String alpn = hello.alpn.isEmpty() ? null : AppProtocols.byAlpn(hello.alpn.get(0));
            if (alpn != null) alpnProtocol = alpn;
            fd.setProtocol(shortName(version, "SSL"));
        }

        @Override public void onSessionTicket(byte[] ticket, long lifetime, boolean tls13) {
            log.addTicket(new HandshakeLog.Ticket(fd.number, dir, ticket, lifetime, tls13));
        }

        @Override public void onServerHelloDone() { resumptionCandidate = false; }

        @Override public void onServerKeyExchangeGroup(int namedGroup) { log.setKeyExchangeGroup(namedGroup); }

        @Override public void onEncryptedExtensions(HelloInfo ee) {
            ee.compact();
            log.setEncryptedExtensions(ee);
            String alpn = ee.alpn.isEmpty() ? null : AppProtocols.byAlpn(ee.alpn.get(0));
            if (alpn != null) alpnProtocol = alpn;
        }

        @Override public void message(int type, int length, boolean encrypted) {
            log.addMessage(new HandshakeLog.Message(fd.number, dir, type, recordContentType, length, encrypted, index));
        }

        @Override public void serverVersion(int v) {
            trySetVersion(ContentTypes.HANDSHAKE, HandshakeTypes.SERVER_HELLO, v);
        }

        @Override public void certificates(List<byte[]> chain) {
            log.setCertificates(fromServer(), chain);
        }

        @Override public void complete(Tvb tvb, int off, int len) { decryptor.handshakeMessage(fromServer(), tvb, off, len); }

        @Override public void handshakeBytes(byte[] message) { decryptor.handshakeMessage(fromServer(), message); }

        @Override public FinishedCheck checkFinished(byte[] verifyData) {
            return decryptor.checkFinished(fromServer(), verifyData);
        }
    }
}
