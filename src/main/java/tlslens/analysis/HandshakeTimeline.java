package tlslens.analysis;

import static tlslens.dissect.tls.names.HandshakeTypes.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import tlslens.capture.FrameTimes;
import tlslens.dissect.quic.QuicConnection;
import tlslens.dissect.quic.QuicPacketTypes;
import tlslens.dissect.tls.HandshakeLog;
import tlslens.dissect.tls.TlsConnection;
import tlslens.dissect.tls.base.HelloInfo;
import tlslens.dissect.tls.names.CipherSuiteInfo;
import tlslens.dissect.tls.names.ContentTypes;
import tlslens.dissect.tls.names.ExtensionTypes;
import tlslens.dissect.tls.names.TlsVersions;
import tlslens.engine.ConnectionState;

/**
 * One connection's handshake, in record order: which hellos count, where the handshake phase
 * ends and how many flights it took. Without keys a TLS 1.3 handshake is a run of opaque
 * application_data records after the ServerHello; they are assigned to the handshake by position
 * (the server's records after its ServerHello, the client's answer) and by size (the client's
 * Finished record has the suite's hash length plus 21 bytes).
 */
final class HandshakeTimeline {
    /** How many of the client's first encrypted records may precede its Finished (EndOfEarlyData, Certificate, CertificateVerify). */
    private static final int MAX_CLIENT_HANDSHAKE_RECORDS = 4;

    /** A step with what ordering needs (the record index) before it becomes a {@link HandshakeStep}. */
    record Step(long frame, int dir, HandshakeStep.Kind kind, int contentType, int type, int bytes, boolean encrypted,
                int recordIndex, int quicPacketType, List<Long> cryptoFrames) {
        Step(long frame, int dir, HandshakeStep.Kind kind, int contentType, int type, int bytes, boolean encrypted,
             int recordIndex) {
            this(frame, dir, kind, contentType, type, bytes, encrypted, recordIndex, HandshakeStep.NONE, List.of());
        }
    }

    final ConnectionState state;
    final TlsConnection tls;
    final HandshakeLog log;
    final int clientDir;
    final int serverDir;

    final List<Step> steps = new ArrayList<>();
    /** The first ClientHello (the offer) and the one the ServerHello answered (the second after an HRR). */
    HelloInfo firstClientHello;
    HelloInfo answeredClientHello;
    HelloInfo serverHello;
    boolean helloRetryRequest;
    Step clientHelloStep;
    Step serverHelloStep;
    /** Negotiated version code, 0 when unknown. */
    int version;
    int cipherSuite = -1;

    /** TLS &lt;= 1.2: the server went from its ServerHello straight to ChangeCipherSpec. */
    boolean abbreviated;
    /** The last step of the handshake phase; null when it did not complete. */
    Step end;
    /** Flights of the handshake phase (runs of one direction, ChangeCipherSpecs not counted). */
    int flights;
    /** Handshake records after the handshake phase (TLS &lt;= 1.2 renegotiation). */
    int postHandshakeMessages;

    /** TLS 1.3 early data: accepted, and why we say so. */
    Boolean earlyDataAccepted = Boolean.FALSE;
    String earlyDataReason;

    HandshakeTimeline(ConnectionState state) {
        this.state = state;
        this.tls = state.tls();
        this.log = tls.log();
        this.clientDir = state.clientDirection();
        this.serverDir = 1 - clientDir;
        this.quic = state.quic();
        if (quic != null) collectQuic();
        else collect();
        hellos();
        if (quic != null) quic();
        else if (isTls13()) tls13();
        else if (version != TlsVersions.SSL2) tls12();
        steps.sort(Comparator.comparingInt(Step::recordIndex));
        countFlights();
        earlyData();
    }

    boolean isTls13() { return version == TlsVersions.TLS13 || (version >> 8) == 0x7f; }

    boolean complete() { return end != null; }

    /** The QUIC connection whose CRYPTO frames carried the handshake; null over TCP. */
    final QuicConnection quic;
    /** QUIC: a Retry, a Version Negotiation was answered by a new Initial. */
    boolean retry;
    boolean versionNegotiation;

    /**
     * QUIC: the steps in packet order. Each handshake message where CRYPTO frames completed it, in
     * the packet type that carried it; packets the capture cannot read (Handshake and 0-RTT without
     * keys) one step each; Retry and Version Negotiation. Directions count from the client (0), as
     * the TLS log's do.
     */
    private void collectQuic() {
        List<HandshakeLog.Message> logged = log.messages();
        List<QuicConnection.Packet> packets = quic.packets();
        List<QuicConnection.CryptoMessage> delivered = quic.cryptoMessages();
        int order = 0;
        int m = 0;
        for (int k = 0; k <= packets.size(); k++) {
            for (; m < delivered.size() && (delivered.get(m).packet() <= k || k == packets.size()); m++) {
                QuicConnection.CryptoMessage c = delivered.get(m);
                if (c.logIndex() >= logged.size()) continue;
                HandshakeLog.Message x = logged.get(c.logIndex());
                steps.add(new Step(x.frame(), x.direction(), HandshakeStep.Kind.MESSAGE, x.contentType(), x.type(),
                        x.length(), x.encrypted(), order++, c.type(), c.frames()));
            }
            if (k == packets.size()) break;
            QuicConnection.Packet p = packets.get(k);
            int dir = p.dir() == quic.clientDirection() ? 0 : 1;
            HandshakeStep.Kind kind = switch (p.type()) {
                case QuicPacketTypes.RETRY -> HandshakeStep.Kind.RETRY;
                case QuicPacketTypes.VERSION_NEGOTIATION -> HandshakeStep.Kind.VERSION_NEGOTIATION;
                case QuicPacketTypes.ZERO_RTT -> HandshakeStep.Kind.EARLY_DATA;
                case QuicPacketTypes.HANDSHAKE -> p.decrypted() ? null : HandshakeStep.Kind.ENCRYPTED_HANDSHAKE_RECORD;
                default -> null;
            };
            if (kind == HandshakeStep.Kind.RETRY) retry = true;
            if (kind == HandshakeStep.Kind.VERSION_NEGOTIATION) versionNegotiation = true;
            Step last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
            if (kind == HandshakeStep.Kind.EARLY_DATA && last != null && last.kind == kind && last.dir == dir) {
                // A run of 0-RTT packets with nothing else of the handshake between: one arrow, their bytes summed.
                steps.set(steps.size() - 1, new Step(last.frame, dir, kind, last.contentType, last.type,
                        last.bytes + p.bytes(), last.encrypted || !p.decrypted(), last.recordIndex, last.quicPacketType,
                        last.cryptoFrames));
                continue;
            }
            if (kind != null) {
                // Retry and Version Negotiation are never protected; 0-RTT is read when a key log opened it.
                boolean readable = kind == HandshakeStep.Kind.RETRY || kind == HandshakeStep.Kind.VERSION_NEGOTIATION
                        || kind == HandshakeStep.Kind.EARLY_DATA && p.decrypted();
                steps.add(new Step(p.frame(), dir, kind, ContentTypes.HANDSHAKE, HandshakeStep.NONE, p.bytes(), !readable,
                        order++, p.type(), List.of()));
            }
        }
    }

    /**
     * QUIC: the handshake ends with the client's Finished, read with keys; without them, with the
     * client's first Handshake packet after the server's (the one that carries its Finished).
     * 0-RTT's fate is in EncryptedExtensions (QUIC has no EndOfEarlyData).
     */
    private void quic() {
        if (serverHelloStep == null) return;
        for (Step s : steps) {
            if (s.kind == HandshakeStep.Kind.MESSAGE && !s.encrypted && s.type == FINISHED && s.dir == clientDir
                    && s.recordIndex > serverHelloStep.recordIndex) {
                end = s;
                decryptedHandshake = true;
                return;
            }
        }
        boolean serverHandshake = false;
        for (Step s : steps) {
            if (s.kind != HandshakeStep.Kind.ENCRYPTED_HANDSHAKE_RECORD) continue;
            if (s.dir == serverDir) serverHandshake = true;
            else if (serverHandshake) {
                end = s;
                return;
            }
        }
    }

    private void collect() {
        for (HandshakeLog.Message m : log.messages()) {
            steps.add(new Step(m.frame(), m.direction(), HandshakeStep.Kind.MESSAGE, m.contentType(), m.type(),
                    m.length(), m.encrypted(), m.recordIndex()));
        }
        for (HandshakeLog.ChangeCipherSpec c : log.changeCipherSpecs()) {
            steps.add(new Step(c.frame(), c.direction(), HandshakeStep.Kind.CHANGE_CIPHER_SPEC,
                    ContentTypes.CHANGE_CIPHER_SPEC, HandshakeStep.NONE, 1, false, c.recordIndex()));
        }
        steps.sort(Comparator.comparingInt(Step::recordIndex));
    }

    private void hellos() {
        List<HelloInfo> chs = log.clientHellos();
        if (!chs.isEmpty()) firstClientHello = chs.get(0);
        for (HelloInfo h : log.serverHellos()) {
            if (h.kind == HelloInfo.Kind.HELLO_RETRY_REQUEST) helloRetryRequest = true;
            else if (serverHello == null) serverHello = h;
        }
        for (Step s : steps) {
            if (s.kind != HandshakeStep.Kind.MESSAGE || s.encrypted) continue;
            if (s.type == CLIENT_HELLO && s.dir == clientDir && clientHelloStep == null) clientHelloStep = s;
            if (s.type == SERVER_HELLO && s.dir == serverDir && serverHelloStep == null) {
                serverHelloStep = s;
            }
        }
        // The ClientHello a ServerHello answers is the last one before it (after a HelloRetryRequest, the second).
        answeredClientHello = firstClientHello;
        if (serverHelloStep != null) {
            int n = 0;
            for (Step s : steps) {
                if (s.recordIndex >= serverHelloStep.recordIndex) break;
                if (s.kind == HandshakeStep.Kind.MESSAGE && !s.encrypted && s.type == CLIENT_HELLO) n++;
            }
            if (n >= 1 && n <= chs.size()) answeredClientHello = chs.get(n - 1);
        }
        if (serverHello != null) {
            version = serverHello.effectiveVersion();
            if (!serverHello.cipherSuites.isEmpty()) cipherSuite = serverHello.cipherSuites.get(0);
        } else if (tls.version() == TlsVersions.SSL2 && hasServerMessage()) {
            version = TlsVersions.SSL2;
            cipherSuite = tls.cipherSuite();
        }
    }

    private boolean hasServerMessage() {
        for (Step s : steps) if (s.dir == serverDir && s.kind == HandshakeStep.Kind.MESSAGE) return true;
        return false;
    }

    /** TLS &lt;= 1.2: each side's Finished is its first handshake message after its ChangeCipherSpec. */
    private void tls12() {
        if (serverHelloStep == null) return;
        int after = serverHelloStep.recordIndex;
        Step[] ccs = new Step[2];
        Step[] fin = new Step[2];
        for (Step s : steps) {
            if (s.recordIndex <= after) continue;
            if (s.kind == HandshakeStep.Kind.CHANGE_CIPHER_SPEC && ccs[s.dir] == null) ccs[s.dir] = s;
            else if (s.kind == HandshakeStep.Kind.MESSAGE && ccs[s.dir] != null && fin[s.dir] == null) fin[s.dir] = s;
        }
        Step serverCcs = ccs[serverDir];
        if (serverCcs != null) {
            abbreviated = true;
            for (Step s : steps) {
                if (s.dir != serverDir || s.kind != HandshakeStep.Kind.MESSAGE) continue;
                if (s.recordIndex <= after || s.recordIndex >= serverCcs.recordIndex) continue;
                if (fullHandshakeOnly(s.type) && !s.encrypted) abbreviated = false;
            }
        }
        if (fin[0] != null && fin[1] != null) {
            end = fin[0].recordIndex > fin[1].recordIndex ? fin[0] : fin[1];
            for (Step s : steps) {
                if (s.kind == HandshakeStep.Kind.MESSAGE && s.recordIndex > end.recordIndex) postHandshakeMessages++;
            }
        }
    }

    /** Messages that only a full TLS &lt;= 1.2 handshake has (from the server, before its ChangeCipherSpec). */
    static boolean fullHandshakeOnly(int type) {
        return type == CERTIFICATE || type == SERVER_KEY_EXCHANGE || type == CERTIFICATE_REQUEST
                || type == SERVER_HELLO_DONE || type == CERTIFICATE_STATUS;
    }

    /** The 0-RTT records, the server's encrypted flight and the client's answer up to its Finished. */
    private List<HandshakeLog.ApplicationData> clientTurn = List.of();
    private int clientFinishedAt = -1;
    private boolean finishedBySize;
    /** The TLS 1.3 handshake flights were decrypted (key log): messages, not record sizes, tell. */
    private boolean decryptedHandshake;

    private void tls13() {
        if (serverHelloStep == null) return;
        int shIndex = serverHelloStep.recordIndex;
        List<HandshakeLog.ApplicationData> records = log.applicationData();
        // 0-RTT: the client's application data between its ClientHello and the ServerHello.
        if (firstClientHello != null && firstClientHello.earlyData && clientHelloStep != null) {
            for (HandshakeLog.ApplicationData a : records) {
                if (a.direction() == clientDir && a.recordIndex() > clientHelloStep.recordIndex && a.recordIndex() < shIndex) {
                    steps.add(new Step(a.frame(), a.direction(), HandshakeStep.Kind.EARLY_DATA,
                            ContentTypes.APPLICATION_DATA, HandshakeStep.NONE, a.length(), true, a.recordIndex()));
                }
            }
        }
        // With a key log the flights are decrypted messages: the client's Finished ends the handshake.
        for (Step s : steps) {
            if (s.kind == HandshakeStep.Kind.MESSAGE && !s.encrypted && s.type == FINISHED
                    && s.dir == clientDir && s.recordIndex > shIndex) {
                end = s;
                decryptedHandshake = true;
                return;
            }
        }
        HandshakeLog.ApplicationData firstServer = null;
        for (HandshakeLog.ApplicationData a : records) {
            if (a.direction() == serverDir && a.recordIndex() > shIndex) {
                firstServer = a;
                break;
            }
        }
        if (firstServer == null) return;
        List<HandshakeLog.ApplicationData> turn = new ArrayList<>();
        for (HandshakeLog.ApplicationData a : records) {
            if (a.direction() == clientDir && a.recordIndex() > firstServer.recordIndex()) turn.add(a);
            if (turn.size() == MAX_CLIENT_HANDSHAKE_RECORDS) break;
        }
        clientTurn = turn;
        int finishedLength = finishedRecordLength(cipherSuite);
        for (int i = 0; i < turn.size(); i++) {
            if (turn.get(i).length() == finishedLength) {
                clientFinishedAt = i;
                finishedBySize = true;
                break;
            }
        }
        // A Finished of another size (record padding): take the client's first record, the usual case.
        if (clientFinishedAt < 0 && !turn.isEmpty()) clientFinishedAt = 0;
        HandshakeLog.ApplicationData clientFinished = clientFinishedAt >= 0 ? turn.get(clientFinishedAt) : null;
        for (HandshakeLog.ApplicationData a : records) {
            if (a.recordIndex() <= shIndex) continue;
            boolean serverFlight = a.direction() == serverDir
                    && (clientFinished == null || a.recordIndex() < clientFinished.recordIndex());
            boolean clientFlight = a.direction() == clientDir && clientFinished != null
                    && a.recordIndex() >= turn.get(0).recordIndex() && a.recordIndex() <= clientFinished.recordIndex();
            if (serverFlight || clientFlight) {
                steps.add(new Step(a.frame(), a.direction(), HandshakeStep.Kind.ENCRYPTED_HANDSHAKE_RECORD,
                        ContentTypes.APPLICATION_DATA, HandshakeStep.NONE, a.length(), true, a.recordIndex()));
            }
        }
        if (clientFinished != null) {
            end = new Step(clientFinished.frame(), clientDir, HandshakeStep.Kind.ENCRYPTED_HANDSHAKE_RECORD,
                    ContentTypes.APPLICATION_DATA, HandshakeStep.NONE, clientFinished.length(), true,
                    clientFinished.recordIndex());
        }
    }

    /** A TLS 1.3 Finished in its record: type, length, verify_data (the hash's length), inner content type, AEAD tag. */
    static int finishedRecordLength(int suite) {
        CipherSuiteInfo info = suite < 0 ? null : CipherSuiteInfo.of(suite);
        if (info == null) return -1;
        return 4 + info.prf().length + 1 + info.tagLength();
    }

    /** EndOfEarlyData in its record: a 4-byte message, the content type and the tag. */
    static int endOfEarlyDataRecordLength(int suite) {
        CipherSuiteInfo info = suite < 0 ? null : CipherSuiteInfo.of(suite);
        return info == null ? -1 : 4 + 1 + info.tagLength();
    }

    private void countFlights() {
        int dir = -1;
        for (Step s : steps) {
            if (end != null && s.recordIndex > end.recordIndex) break;
            if (s.kind == HandshakeStep.Kind.CHANGE_CIPHER_SPEC) continue; // a flight's companion, or TLS 1.3's dummy
            if (s.dir != dir) {
                flights++;
                dir = s.dir;
            }
        }
    }

    /**
     * TLS 1.3 early data is accepted in EncryptedExtensions, which is encrypted. What the capture
     * still shows: no PSK accepted or a HelloRetryRequest means rejected; the client's
     * EndOfEarlyData (a record of exactly its size before the Finished) means accepted.
     */
    private void earlyData() {
        if (firstClientHello == null || !firstClientHello.earlyData) return;
        HelloInfo ee = log.encryptedExtensions();
        if (serverHelloStep == null) {
            earlyDataAccepted = null;
            earlyDataReason = "no ServerHello in the capture";
        } else if (helloRetryRequest) {
            earlyDataReason = "the server answered with a HelloRetryRequest, which rejects early data";
        } else if (!isTls13() || serverHello.pskSelected < 0 && !serverHello.extensions.contains(ExtensionTypes.PRE_SHARED_KEY)) {
            earlyDataReason = "the server did not accept the PSK, so it rejected early data";
        } else if (quic != null) {
            earlyDataAccepted = ee == null ? null : ee.earlyData;
            earlyDataReason = ee == null
                    ? "EncryptedExtensions says whether 0-RTT was accepted and it travels in Handshake packets: unknown "
                            + "without keys"
                    : ee.earlyData ? "decrypted: EncryptedExtensions has early_data, so the server accepted 0-RTT"
                    : "decrypted: EncryptedExtensions has no early_data, so the server rejected 0-RTT";
        } else if (decryptedHandshake) {
            boolean eoed = false;
            for (Step s : steps) {
                if (s.kind == HandshakeStep.Kind.MESSAGE && s.dir == clientDir
                        && s.type == END_OF_EARLY_DATA) eoed = true;
            }
            earlyDataAccepted = eoed;
            earlyDataReason = eoed ? "decrypted: the client sent EndOfEarlyData, so the server accepted early data"
                    : "decrypted: no EndOfEarlyData before the client's Finished, so the server rejected early data";
        } else if (finishedBySize) {
            int eoed = endOfEarlyDataRecordLength(cipherSuite);
            boolean sawEoed = false;
            for (int i = 0; i < clientFinishedAt; i++) if (clientTurn.get(i).length() == eoed) sawEoed = true;
            earlyDataAccepted = sawEoed;
            earlyDataReason = sawEoed
                    ? "inferred from record sizes: the client sent an EndOfEarlyData-sized record (" + eoed
                            + " bytes) before its Finished; a key log would confirm it"
                    : "inferred from record sizes: no EndOfEarlyData before the client's Finished";
        } else {
            earlyDataAccepted = null;
            earlyDataReason = "EncryptedExtensions says whether early data was accepted and it is encrypted: unknown "
                    + "without keys";
        }
    }

    /** Milliseconds from t0 to the frame's time; null when either is unknown. */
    Double millisSince(Instant t0, long frame) {
        Instant t = state.frameTime(frame);
        if (t0 == null || t == null) return null;
        return FrameTimes.seconds(Duration.between(t0, t)) * 1e3;
    }

    /** The time everything is measured from: the first ClientHello, else the first step, else the first packet. */
    Instant start() {
        Step s = clientHelloStep != null ? clientHelloStep : steps.isEmpty() ? null : steps.get(0);
        Instant t = s == null ? null : state.frameTime(s.frame);
        return t != null ? t : state.firstTime();
    }

    /** The steps as the model shows them, times relative to {@link #start()}. */
    List<HandshakeStep> handshakeSteps() {
        Instant t0 = start();
        List<HandshakeStep> out = new ArrayList<>(steps.size());
        for (Step s : steps) {
            out.add(new HandshakeStep(s.frame, s.dir == clientDir, s.kind, s.contentType, s.type, s.bytes,
                    millisSince(t0, s.frame), s.encrypted, wireEncrypted(s), s.quicPacketType, s.cryptoFrames, false));
        }
        return out;
    }

    /**
     * The step's record travelled encrypted: TLS 1.3's application_data records (decrypted or not), and
     * in TLS &lt;= 1.2 what a side sent after its own ChangeCipherSpec (the Finished, renegotiation).
     */
    boolean wireEncrypted(Step s) {
        if (quic != null) return s.encrypted || s.quicPacketType != QuicPacketTypes.INITIAL
                && s.kind != HandshakeStep.Kind.RETRY && s.kind != HandshakeStep.Kind.VERSION_NEGOTIATION;
        if (s.encrypted || s.contentType == ContentTypes.APPLICATION_DATA) return true;
        if (isTls13() || version == TlsVersions.SSL2 || s.kind == HandshakeStep.Kind.CHANGE_CIPHER_SPEC) return false;
        for (Step c : steps) {
            if (c.kind == HandshakeStep.Kind.CHANGE_CIPHER_SPEC && c.dir == s.dir && c.recordIndex < s.recordIndex) return true;
        }
        return false;
    }

    /** An alert travelled encrypted: as {@link #wireEncrypted(Step)}, by frame (alerts keep no record index). */
    boolean wireEncrypted(HandshakeLog.Alert a) {
        if (a.encrypted() || a.contentType() == ContentTypes.APPLICATION_DATA) return true;
        if (isTls13() || version == TlsVersions.SSL2) return false;
        for (Step c : steps) {
            if (c.kind == HandshakeStep.Kind.CHANGE_CIPHER_SPEC && c.dir == a.direction() && c.frame <= a.frame()) return true;
        }
        return false;
    }

    /**
     * Steps of the handshake phase of a full handshake that a resumption skips: TLS &lt;= 1.2's
     * certificate and key exchange messages; TLS 1.3's certificates and their signatures (readable
     * only once decrypted: empty without keys).
     */
    List<SkippedMessage> skippable() {
        List<SkippedMessage> out = new ArrayList<>();
        boolean tls13 = isTls13();
        for (Step s : steps) {
            if (end != null && s.recordIndex > end.recordIndex) break;
            if (s.kind != HandshakeStep.Kind.MESSAGE || s.encrypted) continue;
            boolean fromServer = s.dir == serverDir;
            boolean skip = tls13 ? s.type == CERTIFICATE || s.type == CERTIFICATE_VERIFY || s.type == COMPRESSED_CERTIFICATE
                    || fromServer && s.type == CERTIFICATE_REQUEST
                    : fromServer ? fullHandshakeOnly(s.type)
                    : s.type == CERTIFICATE || s.type == CLIENT_KEY_EXCHANGE || s.type == CERTIFICATE_VERIFY;
            if (skip) out.add(new SkippedMessage(s.type, s.contentType, !fromServer, s.bytes));
        }
        return out;
    }
}
