package tlslens.lab;

/**
 * What really happened on one connection of the lab, as the peers reported it (not as the
 * dissector reads it): the lab's manifest, which the tests compare the dissector with.
 *
 * @param index        the connection's place in the capture among those of its transport (Wireshark's
 *                     tcp.stream, or quic.connection.number for a QUIC lesson)
 * @param scenario     the lesson it belongs to
 * @param role         its part in the lesson ("full", "resumed", "no-ems", "rsa"...)
 * @param implementation the client and server that made it
 * @param version      "TLS 1.2", "TLS 1.3", or null when no handshake completed
 * @param cipher       the cipher suite as the client named it
 * @param group        the key exchange group, or null (RSA key exchange, psk_ke)
 * @param resumed      whether the server resumed the offered session
 * @param resumption   none, session_id, session_ticket or psk (the names of --connections)
 * @param offered      whether the client offered a session to resume
 * @param origin       the index of the connection that issued the resumed or offered session, or -1
 * @param pskMode      psk_dhe_ke or psk_ke for a TLS 1.3 resumption, else null
 * @param helloRetry   whether the server asked for another key share
 * @param ems          whether the session uses the extended master secret (TLS 1.2)
 * @param earlyData    whether 0-RTT data was sent and accepted
 * @param earlyOffered whether the client sent 0-RTT data
 * @param keysEmbedded whether its secrets are in the capture's Decryption Secrets Block
 * @param note         what the lesson shows on it
 */
public record LabConnection(int index, LabScenario scenario, String role, String implementation, String version,
                            String cipher, String group, boolean resumed, String resumption, boolean offered, int origin,
                            String pskMode, boolean helloRetry, boolean ems, boolean earlyData, boolean earlyOffered,
                            boolean keysEmbedded, String note) {
    LabConnection withIndex(int index, int origin) {
        return new LabConnection(index, scenario, role, implementation, version, cipher, group, resumed, resumption,
                offered, origin, pskMode, helloRetry, ems, earlyData, earlyOffered, keysEmbedded, note);
    }
}
