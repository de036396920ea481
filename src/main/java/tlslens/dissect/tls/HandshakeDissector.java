package tlslens.dissect.tls;

import static tlslens.dissect.tls.base.TlsFields.*;
import static tlslens.dissect.tls.names.HandshakeTypes.*;

import java.util.ArrayList;
import java.util.List;

import tlslens.dissect.DataSource;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.base.HandshakeContext;
import tlslens.dissect.tls.base.TlsExperts;
import tlslens.dissect.tls.messages.CertificateMessages;
import tlslens.dissect.tls.messages.HelloMessages;
import tlslens.dissect.tls.messages.KeyExchangeMessages;
import tlslens.dissect.tls.messages.SimpleMessages;
import tlslens.dissect.tls.names.ExtensionTypes;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.dissect.tls.names.TlsVersions;

/**
 * The Handshake content type: splits a record into handshake messages, joins messages that span
 * records, decides when a record is encrypted, labels the record and the Info column as
 * Wireshark's dissect_tls_handshake / tls_show_handshake_details do, and dispatches each complete
 * message to its body dissector.
 */
public final class HandshakeDissector {
    /** Wireshark's label of a handshake message it cannot read (encrypted, or of a type it does not know). */
    public static final String ENCRYPTED_HANDSHAKE = "Encrypted Handshake Message";

    /** What one record's dissection needs to know beyond the message bytes. */
    interface RecordSink {
        /**
         * Called for every message shown, complete or not, plaintext or not (for the connection log):
         * its type ({@link HandshakeTypes#HELLO_RETRY_REQUEST} for a HelloRetryRequest in ServerHello form,
         * {@link HandshakeLog#ENCRYPTED} when encrypted) and length.
         */
        void message(int type, int length, boolean encrypted);

        /** A ServerHello announced this version (its supported_versions or legacy version). */
        void serverVersion(int version);

        /** Certificates of a Certificate message. */
        void certificates(List<byte[]> chain);

        /** A complete handshake message (header included), after its dissection: the decryption transcript. */
        default void complete(Tvb tvb, int off, int len) {}
    }

    private HandshakeDissector() {}

    /**
     * Dissects the Handshake record payload [off, end) of {@code tvb}, under {@code record} (the
     * "Record Layer" item). {@code labelVersion} is the version the record label shows;
     * {@code encryptedByState} when this direction already changed cipher spec.
     */
    static void dissectRecord(HandshakeContext c, RecordSink sink, HandshakeReassembler reasm, ProtoNode record,
                              Tvb tvb, int off, int end, int labelVersion, boolean encryptedByState,
                              boolean decrypted) {
        FrameDissection fd = c.frame();
        boolean first = true;
        if (reasm.active()) {
            // 1. Continue the message that an earlier record began.
            int subset = end - off;
            int have = reasm.size();
            int msgLen = reasm.messageLength();
            if (msgLen < 0 && have + subset >= 4) {
                // Complete the header from this record to learn the length.
                byte[] hdr = new byte[4];
                byte[] partial = reasm.bytes();
                for (int i = 0; i < 4; i++) hdr[i] = i < have ? partial[i] : tvb.data[off + i - have];
                msgLen = 4 + (((hdr[1] & 0xff) << 16) | ((hdr[2] & 0xff) << 8) | (hdr[3] & 0xff));
            }
            if (msgLen > 0 && subset > msgLen - have) subset = msgLen - have;
            int type = reasm.size() > 0 ? reasm.type() : tvb.u8(off);
            if (msgLen > HandshakeReassembler.MAX_MESSAGE) {
                // A length we refuse to buffer: stop reassembling and show the bytes as they are.
                reasm.reset();
                ProtoNode item = showDetails(c, record, labelVersion, type, false, false, false, tvb, off, end - off);
                item.expert(TlsExperts.REASSEMBLY_LIMIT.note("Handshake message of " + msgLen
                        + " bytes is larger than the reassembly limit"));
                sink.message(type, end - off, false);
                return;
            }
            reasm.append(fd.number, tvb.data, off, subset, frameChunks(fd, tvb, off, subset));
            if (reasm.complete()) {
                String name = typeName(type, false);
                record.addValue(HANDSHAKE, tvb, off, subset, null, "Handshake Protocol: " + name + " (last fragment)");
                off += subset;
                byte[] msg = reasm.bytes();
                Tvb full = fd.addSource("Reassembled TLS Handshake (" + msg.length + " bytes)", msg, reasm.chunks());
                addFragmentTree(record, full, reasm.fragments(), msg.length);
                reasm.reset();
                dissectMessage(c, sink, record, full, full.start, labelVersion, true);
                first = false;
            } else {
                showDetails(c, record, labelVersion, type, false, false, false, tvb, off, end - off);
                return;
            }
        } else if (isEncrypted(tvb, off, end, encryptedByState, !decrypted)) {
            // 3. A new message that looks like ciphertext.
            showDetails(c, record, labelVersion, 0, true, true, true, tvb, off, end - off);
            sink.message(HandshakeLog.ENCRYPTED, end - off, true);
            return;
        }

        // 4. The remaining messages of the record.
        while (off < end) {
            int subset = end - off;
            int msgLen = subset >= 4 ? 4 + tvb.u24(off + 1) : 0;
            if (msgLen == 0 || subset < msgLen) {
                int type = tvb.u8(off);
                ProtoNode item = showDetails(c, record, labelVersion, type, false, first, false, tvb, off, subset);
                if (msgLen > HandshakeReassembler.MAX_MESSAGE) {
                    item.expert(TlsExperts.REASSEMBLY_LIMIT.note("Handshake message of " + msgLen
                            + " bytes is larger than the reassembly limit"));
                } else {
                    reasm.start();
                    reasm.append(fd.number, tvb.data, off, subset, frameChunks(fd, tvb, off, subset));
                }
                break;
            }
            dissectMessage(c, sink, record, tvb, off, labelVersion, first);
            off += msgLen;
            first = false;
        }
    }

    /**
     * Wireshark's is_encrypted_handshake_message, with "after ChangeCipherSpec" meaning an earlier
     * record rather than an earlier frame, and with room for large certificate messages.
     * {@code maybeEncrypted} is false for bytes we decrypted ourselves (NULL cipher).
     */
    static boolean isEncrypted(Tvb tvb, int off, int end, boolean encryptedByState, boolean maybeEncrypted) {
        // Anything shorter than a MAC or AEAD tag is taken to be plaintext.
        if (end - off < 16) return false;
        if (maybeEncrypted) {
            if (encryptedByState) return true;
            // Two successive HelloRequests are impossible; five zeros are the GCM/CCM explicit nonce.
            if (tvb.uint(off, 5) == 0) return true;
        }
        int type = tvb.u8(off);
        if (HandshakeTypes.wiresharkName(type) == null) return true;
        int len = tvb.u24(off + 1);
        if (len >= 0x10000) {
            // Wireshark assumes handshake messages stay below 64K; certificate chains do not.
            boolean large = type == CERTIFICATE || type == COMPRESSED_CERTIFICATE || type == CERTIFICATE_STATUS
                    || type == CERTIFICATE_REQUEST;
            return !large || len + 4 > HandshakeReassembler.MAX_MESSAGE;
        }
        return false;
    }

    /** Info column, record label and the "Handshake Protocol: ..." item (tls_show_handshake_details). */
    static ProtoNode showDetails(HandshakeContext c, ProtoNode record, int labelVersion, int type, boolean encrypted,
                                 boolean first, boolean complete, Tvb tvb, int off, int len) {
        String name = typeName(type, encrypted);
        FrameDissection fd = c.frame();
        if (complete) {
            fd.appendInfo(name);
        } else if (first) {
            fd.appendInfo("[" + name + " Fragment]");
        }
        String fragment = !complete && !encrypted ? " (fragment)" : "";
        String version = shortName(labelVersion, "TLS");
        if (first) {
            record.setText(version + " Record Layer: Handshake Protocol: " + name + fragment);
        } else {
            record.setText(version + " Record Layer: Handshake Protocol: Multiple Handshake Messages");
        }
        return record.addValue(HANDSHAKE, tvb, off, len, null, "Handshake Protocol: " + name + fragment);
    }

    static String typeName(int type, boolean encrypted) {
        if (encrypted) return ENCRYPTED_HANDSHAKE;
        String n = HandshakeTypes.wiresharkName(type);
        return n != null ? n : ENCRYPTED_HANDSHAKE;
    }

    static String shortName(int version, String fallback) {
        String s = TlsVersions.shortName(version);
        return s != null ? s : fallback;
    }

    /** Dissects one complete message (header included) at off; the record label follows Wireshark's rules. */
    static void dissectMessage(HandshakeContext c, RecordSink sink, ProtoNode record, Tvb tvb, int off,
                               int labelVersion, boolean first) {
        int type = tvb.u8(off);
        int length = tvb.u24(off + 1);
        String typeStr = HandshakeTypes.wiresharkName(type);
        // Only the first message of a record, or a known type, is reported.
        if (typeStr == null && !first) return;

        boolean hrr = false;
        if (first && type == SERVER_HELLO && length > 2) {
            int[] scan = scanServerHello(tvb, off + 4, off + 4 + length);
            hrr = scan[1] != 0;
            sink.serverVersion(scan[0]);
        }
        ProtoNode hs = showDetails(c, record, labelVersion, hrr ? HELLO_RETRY_REQUEST : type, false, first, true,
                tvb, off, length + 4);
        sink.message(hrr ? HELLO_RETRY_REQUEST : type, length + 4, false);
        if (typeStr == null) return;

        hs.addValue(HANDSHAKE_TYPE, tvb, off, 1, (long) type);
        hs.addValue(HANDSHAKE_LENGTH, tvb, off + 1, 3, (long) length);
        int body = off + 4;
        int end = body + length;
        switch (type) {
            case CLIENT_HELLO -> c.onClientHello(HelloMessages.clientHello(c, hs, tvb, body, end));
            case SERVER_HELLO -> c.onServerHello(HelloMessages.serverHello(c, hs, tvb, body, end, hrr), hrr);
            case NEW_SESSION_TICKET -> SimpleMessages.newSessionTicket(c, hs, tvb, body, end);
            case HELLO_RETRY_REQUEST -> c.onServerHello(HelloMessages.draftHelloRetryRequest(c, hs, tvb, body, end),
                    true);
            case ENCRYPTED_EXTENSIONS -> SimpleMessages.encryptedExtensions(c, hs, tvb, body, end);
            case CERTIFICATE -> sink.certificates(CertificateMessages.certificate(c, hs, tvb, body, end));
            case SERVER_KEY_EXCHANGE -> KeyExchangeMessages.serverKeyExchange(c, hs, tvb, body, end);
            case CERTIFICATE_REQUEST -> CertificateMessages.certificateRequest(c, hs, tvb, body, end);
            case SERVER_HELLO_DONE -> c.onServerHelloDone();
            case CERTIFICATE_VERIFY -> KeyExchangeMessages.certificateVerify(c, hs, tvb, body, end);
            case CLIENT_KEY_EXCHANGE -> KeyExchangeMessages.clientKeyExchange(c, hs, tvb, body, end);
            case FINISHED -> SimpleMessages.finished(c, hs, tvb, body, end);
            case CERTIFICATE_URL -> SimpleMessages.certificateUrl(c, hs, tvb, body, end);
            case CERTIFICATE_STATUS -> CertificateMessages.certificateStatus(c, hs, tvb, body, end);
            // Wireshark adds the KeyUpdate field to the record, not to the message.
            case KEY_UPDATE -> SimpleMessages.keyUpdate(c, record, tvb, body, end);
            case COMPRESSED_CERTIFICATE -> sink.certificates(CertificateMessages.compressedCertificate(c, hs, tvb, body, end));
            case NPN_ENCRYPTED_EXTENSIONS -> SimpleMessages.npnEncryptedExtensions(c, hs, tvb, body, end);
            default -> { } // HelloRequest, HelloVerifyRequest, EndOfEarlyData, SupplementalData: no body to show
        }
        if (tvb.has(off, length + 4)) sink.complete(tvb, off, length + 4);
    }

    /**
     * Wireshark's tls_scan_server_hello: the version a ServerHello negotiates (supported_versions
     * wins over the legacy field) and whether it is a HelloRetryRequest. Returns {version, hrr}.
     */
    static int[] scanServerHello(Tvb tvb, int off, int end) {
        int version = tvb.u16(off);
        int hrr = 0;
        if (version == TlsVersions.TLS12 && end - off >= 46) {
            off += 2;
            hrr = HelloMessages.isHrrRandom(tvb, off) ? 1 : 0;
            off += 32;
            int sidLen = tvb.u8(off);
            off++;
            if (end - off < sidLen + 5) return new int[] {version, hrr};
            off += sidLen + 5;
            while (end - off >= 6) {
                int extType = tvb.u16(off);
                int extLen = tvb.u16(off + 2);
                if (end - off < 4 + extLen) break;
                if (extType == ExtensionTypes.SUPPORTED_VERSIONS && extLen == 2) return new int[] {tvb.u16(off + 4), hrr};
                off += 4 + extLen;
            }
        }
        return new int[] {version, hrr};
    }

    /** "[3 Reassembled Handshake Fragments (2448 bytes): #3(1000), #4(1000), #5(448)]" and its items. */
    static void addFragmentTree(ProtoNode record, Tvb full, List<HandshakeReassembler.Fragment> fragments, int total) {
        StringBuilder sb = new StringBuilder();
        sb.append(fragments.size()).append(" Reassembled Handshake Fragments (").append(total).append(" bytes): ");
        for (int i = 0; i < fragments.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append('#').append(fragments.get(i).frame()).append('(').append(fragments.get(i).length()).append(')');
        }
        ProtoNode tree = record.child(new ProtoNode(HS_FRAGMENTS, null, "[" + sb + "]", full.source, full.start,
                total));
        tree.setGenerated(true);
        int pos = 0;
        for (HandshakeReassembler.Fragment f : fragments) {
            String text = "[Frame: " + f.frame() + ", payload: " + pos + "-" + (pos + f.length() - 1) + " ("
                    + f.length() + " byte" + (f.length() == 1 ? "" : "s") + ")]";
            ProtoNode item = tree.child(new ProtoNode(HS_FRAGMENT, (long) f.frame(), text, full.source,
                    full.start + pos, f.length()));
            item.setGenerated(true);
            pos += f.length();
        }
        ProtoNode count = tree.child(new ProtoNode(HS_FRAGMENT_COUNT, (long) fragments.size(), null, full.source,
                full.start, 0));
        count.setGenerated(true);
    }

    /** Where [off, off+len) of tvb came from in captured frames. */
    static List<DataSource.Chunk> frameChunks(FrameDissection fd, Tvb tvb, int off, int len) {
        List<DataSource.Chunk> out = new ArrayList<>(2);
        if (len <= 0) return out;
        if (tvb.source == 0 || tvb.source >= fd.sources().size()) {
            out.add(new DataSource.Chunk(fd.number, off, 0, len));
            return out;
        }
        DataSource src = fd.sources().get(tvb.source);
        int pos = off;
        int endPos = off + len;
        while (pos < endPos) {
            DataSource.Chunk c = src.chunkAt(pos);
            if (c == null) {
                out.add(new DataSource.Chunk(fd.number, -1, 0, endPos - pos));
                break;
            }
            int within = pos - c.sourceOffset();
            int l = Math.min(c.length() - within, endPos - pos);
            out.add(new DataSource.Chunk(c.frameNumber(), c.frameOffset() + within, 0, l));
            pos += l;
        }
        return out;
    }
}
