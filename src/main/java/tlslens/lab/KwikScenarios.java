package tlslens.lab;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The QUIC lesson kwik makes inside the program: a full handshake, then its 0-RTT resumption. */
final class KwikScenarios {
    static final Set<LabScenario> MADE = Set.of(LabScenario.QUIC_0RTT);

    private final KwikPeers peers;

    KwikScenarios(KwikPeers peers) { this.peers = peers; }

    List<MadeConnection> run(LabScenario s) throws IOException, InterruptedException {
        if (s != LabScenario.QUIC_0RTT) throw new IllegalArgumentException(s.id() + " is not made with kwik");
        List<MadeConnection> out = new ArrayList<>();
        KwikPeers.Run full = peers.connect(null, "full");
        add(out, s, "full", full, "full handshake in " + full.quicVersion() + " Initial and Handshake packets; the server "
                + "sends a NewSessionTicket in a 1-RTT packet");
        if (full.ticket() == null) throw new IOException("the kwik server sent no session ticket");
        KwikPeers.Run resumed = peers.connect(full.ticket(), "0-rtt");
        add(out, s, "resumed", resumed, resumed.earlyAccepted()
                ? "resumes the ticket (PSK): the request travels in a 0-RTT packet with the Client Hello, and is accepted"
                : "resumes the ticket (PSK) with the request in a 0-RTT packet, which the server rejected");
        return out;
    }

    private static void add(List<MadeConnection> out, LabScenario s, String role, KwikPeers.Run r, String note) {
        int origin = r.earlyOffered() ? 0 : -1;
        LabConnection facts = new LabConnection(out.size(), s, role, KwikPeers.IMPLEMENTATION, "TLS 1.3", r.cipher(),
                KwikPeers.GROUP, r.resumed(), r.resumed() ? "psk" : "none", r.earlyOffered(), origin,
                // kwik's TLS engine (agent15) offers psk_dhe_ke only.
                r.resumed() ? "psk_dhe_ke" : null, false, false, r.earlyAccepted(), r.earlyOffered(), true, note);
        out.add(new MadeConnection(r.wire(), facts, r.keyLog(), r.ticket() != null));
    }
}
