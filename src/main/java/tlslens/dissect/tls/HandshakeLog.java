package tlslens.dissect.tls;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import tlslens.dissect.tls.base.HelloInfo;
import tlslens.dissect.tls.names.AlertDescriptions;
import tlslens.dissect.tls.names.AlertLevels;
import tlslens.dissect.tls.names.ContentTypes;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.dissect.tls.names.Ssl2MessageTypes;

/**
 * What happened on one TLS connection, in order, for the connection model: handshake messages
 * (plaintext or encrypted), ChangeCipherSpecs, alerts, tickets, gaps, and the hellos. Small by
 * design: no record bytes except tickets and the certificate chains.
 */
public final class HandshakeLog {
    /** Handshake type of an entry that stands for an encrypted handshake record. */
    public static final int ENCRYPTED = -1;
    /** Content type of a message that came in an SSLv2 record, which has none; its type is an {@link Ssl2MessageTypes} code. */
    public static final int SSL2_RECORD = -1;

    /**
     * One handshake message.
     *
     * @param type        its {@link HandshakeTypes} code as the dissector read it, kept when unknown;
     *                    {@link HandshakeTypes#HELLO_RETRY_REQUEST} for a TLS 1.3 HelloRetryRequest (on
     *                    the wire a ServerHello); {@link #ENCRYPTED} for an encrypted one
     * @param contentType the {@link ContentTypes} code of the record that carried it, as on the wire:
     *                    handshake, or application_data for a TLS 1.3 message that travelled encrypted
     *                    (and was decrypted); {@link #SSL2_RECORD} for SSLv2
     * @param length      the message with its 4-byte header; for an encrypted one the record's payload
     */
    public record Message(long frame, int direction, int type, int contentType, int length, boolean encrypted,
                          int recordIndex) {
        /** Wireshark's name of the message, for display. */
        public String name() { return messageName(contentType, type, encrypted); }
    }

    /**
     * An alert; level and description are {@link AlertLevels} / {@link AlertDescriptions} codes, -1
     * when encrypted. contentType is the carrying record's, as in {@link Message}.
     */
    public record Alert(long frame, int direction, int level, int description, int contentType, boolean encrypted) {}

    /**
     * Wireshark's name of a handshake message ("Client Hello", "Hello Retry Request", "Encrypted
     * Handshake Message" for an encrypted one or a type tshark does not know, SSLv2's "Encrypted Data").
     */
    public static String messageName(int contentType, int type, boolean encrypted) {
        if (contentType == SSL2_RECORD) return encrypted ? "Encrypted Data" : Ssl2MessageTypes.nameOrUnknown(type);
        String name = encrypted ? null : HandshakeTypes.wiresharkName(type);
        return name != null ? name : HandshakeDissector.ENCRYPTED_HANDSHAKE;
    }

    public record Ticket(long frame, int direction, byte[] ticket, long lifetime, boolean tls13) {}

    public record ChangeCipherSpec(long frame, int direction, int recordIndex) {}

    public record Gap(int direction, long missingBytes, long afterFrame) {}

    /**
     * An application_data record (in TLS 1.3 also every encrypted handshake record); length is the
     * record's payload length. Only the first {@link #MAX_APPLICATION_DATA} are kept: they cover the
     * handshake phase, which is what the connection model looks for in them.
     */
    public record ApplicationData(long frame, int direction, int length, int recordIndex) {}

    public static final int MAX_APPLICATION_DATA = 64;

    private static final int MAX_MESSAGES = 4096;
    private static final int MAX_TICKETS = 64;

    // Entries held as columns (LogColumns says why); one codec each, shared by every log.
    private static final LogColumns.Codec<Message> MESSAGE_COLUMNS = new LogColumns.Codec<Message>() {
        @Override public long frame(Message m) { return m.frame(); }

        @Override public void write(Message m, int[] to, int at) {
            to[at] = m.direction() * 2 + (m.encrypted() ? 1 : 0);
            to[at + 1] = m.type();
            to[at + 2] = m.contentType();
            to[at + 3] = m.length();
            to[at + 4] = m.recordIndex();
        }

        @Override public Message read(long frame, int[] v, int at) {
            return new Message(frame, v[at] >> 1, v[at + 1], v[at + 2], v[at + 3], (v[at] & 1) != 0, v[at + 4]);
        }
    };

    private static final LogColumns.Codec<ChangeCipherSpec> CHANGE_CIPHER_SPEC_COLUMNS = new LogColumns.Codec<ChangeCipherSpec>() {
        @Override public long frame(ChangeCipherSpec c) { return c.frame(); }

        @Override public void write(ChangeCipherSpec c, int[] to, int at) {
            to[at] = c.direction();
            to[at + 1] = c.recordIndex();
        }

        @Override public ChangeCipherSpec read(long frame, int[] v, int at) { return new ChangeCipherSpec(frame, v[at], v[at + 1]); }
    };

    private static final LogColumns.Codec<ApplicationData> APPLICATION_DATA_COLUMNS = new LogColumns.Codec<ApplicationData>() {
        @Override public long frame(ApplicationData a) { return a.frame(); }

        @Override public void write(ApplicationData a, int[] to, int at) {
            to[at] = a.direction();
            to[at + 1] = a.length();
            to[at + 2] = a.recordIndex();
        }

        @Override public ApplicationData read(long frame, int[] v, int at) {
            return new ApplicationData(frame, v[at], v[at + 1], v[at + 2]);
        }
    };

    private final LogColumns<Message> messages = new LogColumns<>(5, MESSAGE_COLUMNS);
    private final List<Alert> alerts = new ArrayList<>();
    private final List<Ticket> tickets = new ArrayList<>();
    private final LogColumns<ChangeCipherSpec> changeCipherSpecs = new LogColumns<>(2, CHANGE_CIPHER_SPEC_COLUMNS);
    private final List<Gap> gaps = new ArrayList<>();
    private final List<HelloInfo> clientHellos = new ArrayList<>();
    private final List<HelloInfo> serverHellos = new ArrayList<>();
    private final LogColumns<ApplicationData> applicationData = new LogColumns<>(3, APPLICATION_DATA_COLUMNS);
    private int keyExchangeGroup = -1;
    private HelloInfo encryptedExtensions;
    private List<byte[]> serverCertificates = List.of();
    private List<byte[]> clientCertificates = List.of();
    private boolean truncated;

    /**
     * The connection ended: each list's spare room goes (a list grows to 10 slots at its first entry;
     * most hold one or two), and so do the certificate chains, which only a replay of the connection
     * reads (a window on 54,000 connections kept 40 MB of them), and the hellos' lists that the
     * connection model does not read ({@link HelloInfo#forgetDetail}). The lists stay lists: a record after
     * the end is still logged.
     */
    void trim() {
        serverCertificates = List.of();
        clientCertificates = List.of();
        for (HelloInfo h : clientHellos) h.forgetDetail();
        for (HelloInfo h : serverHellos) h.forgetDetail();
        if (encryptedExtensions != null) encryptedExtensions.forgetDetail();
        for (List<?> l : List.of(alerts, tickets, gaps, clientHellos, serverHellos)) ((ArrayList<?>) l).trimToSize();
        messages.trimToSize();
        changeCipherSpecs.trimToSize();
        applicationData.trimToSize();
    }

    void addMessage(Message m) {
        if (messages.size() < MAX_MESSAGES) messages.add(m);
        else truncated = true;
    }

    void addAlert(Alert a) {
        if (alerts.size() < MAX_MESSAGES) alerts.add(a);
        else truncated = true;
    }

    void addTicket(Ticket t) {
        if (tickets.size() < MAX_TICKETS) tickets.add(t);
        else truncated = true;
    }

    void addChangeCipherSpec(ChangeCipherSpec c) {
        if (changeCipherSpecs.size() < MAX_MESSAGES) changeCipherSpecs.add(c);
        else truncated = true;
    }

    void addGap(Gap g) {
        if (gaps.size() < MAX_MESSAGES) gaps.add(g);
        else truncated = true;
    }

    void addClientHello(HelloInfo h) {
        if (clientHellos.size() < MAX_TICKETS) clientHellos.add(h);
        else truncated = true;
    }

    void addServerHello(HelloInfo h) {
        if (serverHellos.size() < MAX_TICKETS) serverHellos.add(h);
        else truncated = true;
    }

    void addApplicationData(ApplicationData a) {
        if (applicationData.size() < MAX_APPLICATION_DATA) applicationData.add(a);
    }

    void setKeyExchangeGroup(int group) { keyExchangeGroup = group; }

    void setEncryptedExtensions(HelloInfo ee) { encryptedExtensions = ee; }

    /** The last TLS 1.3 EncryptedExtensions (ALPN, early_data, ...), readable only with a key log; or null. */
    public HelloInfo encryptedExtensions() { return encryptedExtensions; }

    void setCertificates(boolean fromServer, List<byte[]> chain) {
        if (fromServer) serverCertificates = List.copyOf(chain);
        else clientCertificates = List.copyOf(chain);
    }

    public List<Message> messages() { return Collections.unmodifiableList(messages); }

    public List<Alert> alerts() { return Collections.unmodifiableList(alerts); }

    public List<Ticket> tickets() { return Collections.unmodifiableList(tickets); }

    public List<ChangeCipherSpec> changeCipherSpecs() { return Collections.unmodifiableList(changeCipherSpecs); }

    public List<Gap> gaps() { return Collections.unmodifiableList(gaps); }

    /** Every ClientHello in order (a second one follows a HelloRetryRequest or starts a renegotiation). */
    public List<HelloInfo> clientHellos() { return Collections.unmodifiableList(clientHellos); }

    /** Every ServerHello and HelloRetryRequest in order. */
    public List<HelloInfo> serverHellos() { return Collections.unmodifiableList(serverHellos); }

    /**
     * The DER certificates of the last Certificate message the server sent (empty if none was seen, and
     * once the connection ended).
     */
    public List<byte[]> serverCertificates() { return serverCertificates; }

    /** The DER certificates of the last Certificate message the client sent (empty if none was seen). */
    public List<byte[]> clientCertificates() { return clientCertificates; }

    /** The first application_data records of the connection (see {@link ApplicationData}). */
    public List<ApplicationData> applicationData() { return Collections.unmodifiableList(applicationData); }

    /** The named group of the last TLS &lt;= 1.2 ServerKeyExchange with a named curve, -1 if none. */
    public int serverKeyExchangeGroup() { return keyExchangeGroup; }

    /** How many entries the log holds in all: grows whenever something is logged. */
    public int size() {
        return messages.size() + alerts.size() + tickets.size() + changeCipherSpecs.size() + gaps.size()
                + clientHellos.size() + serverHellos.size() + applicationData.size();
    }

    /** True when a bound was hit and some events were not kept. */
    public boolean truncated() { return truncated; }
}
