package tlslens.cli;

import java.io.PrintStream;
import java.util.BitSet;

import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.quic.QuicKeySchedule;
import tlslens.dissect.quic.QuicKeys;
import tlslens.dissect.tls.TlsConnection;
import tlslens.dissect.tls.decrypt.KeySchedule;
import tlslens.dissect.tls.names.CipherSuites;
import tlslens.dissect.tls.names.TlsVersions;
import tlslens.engine.ConnectionState;
import tlslens.engine.Engine;

/**
 * --key-schedule: instead of frames, each TLS connection's key schedule once the capture is read (a
 * handout of RFC 8446 7.1 / RFC 5246 6.3 with this capture's values; for QUIC, RFC 9001 5's Initial
 * secrets from the client's DCID and each packet number space's quic key, iv and hp): per step its name, RFC section,
 * how it is derived, its value or why it is not known, and each Finished checked against the wire.
 * With a display filter, the connections that have a matching frame.
 */
final class KeySchedulePrinter implements FramePrinter {
    private final PrintStream out;
    private final BitSet shown = new BitSet();
    private Engine engine;

    KeySchedulePrinter(PrintStream out) { this.out = out; }

    /** The engine whose connections it prints; it keeps their transcripts for the key schedules. */
    void attach(Engine engine) { this.engine = engine.keepKeySchedules(true); }

    /** UDP conversations with a shown frame: their QUIC connections' schedules are printed. */
    private final BitSet shownUdp = new BitSet();

    @Override
    public void print(RawFrame raw, FrameDissection fd) {
        if (fd.tcpStream() >= 0) shown.set(fd.tcpStream());
        if (fd.context().udpStream() >= 0) shownUdp.set(fd.context().udpStream());
    }

    @Override
    public void end() {
        if (engine == null) return;
        boolean any = false;
        for (ConnectionState c : engine.connections()) {
            TlsConnection tls = c.tls();
            if (tls == null || !shown.get(c.index())) continue;
            any = true;
            out.println("Connection #" + c.index() + (tls.version() > 0 ? " · " + TlsVersions.name(tls.version()) : "")
                    + (tls.cipherSuite() >= 0 ? " · " + CipherSuites.nameOrUnknown(tls.cipherSuite()) : ""));
            printSchedule(tls.keySchedule());
        }
        for (ConnectionState c : engine.allConnections()) {
            if (c.quic() == null || !shownUdp.get(c.udpStream())) continue;
            any = true;
            TlsConnection tls = c.tls();
            long v = c.quic().version();
            out.println("QUIC connection #" + c.index() + " · " + (v == QuicKeys.V1 ? "QUIC v1" : v == QuicKeys.V2 ? "QUIC v2"
                    : String.format("QUIC 0x%08x", v)) + (tls.version() > 0 ? " · " + TlsVersions.name(tls.version()) : "")
                    + (tls.cipherSuite() >= 0 ? " · " + CipherSuites.nameOrUnknown(tls.cipherSuite()) : ""));
            printSchedule(QuicKeySchedule.of(c.quic()));
        }
        for (ConnectionState c : engine.allConnections()) {
            // DTLS 1.3 associations whose key log lines matched: each epoch's keys and sn key.
            KeySchedule k = c.dtls() == null || !shownUdp.get(c.udpStream()) ? null : c.dtls().keySchedule();
            if (k == null) continue;
            any = true;
            out.println("DTLS association #" + c.index() + " · DTLS 1.3 · " + CipherSuites.nameOrUnknown(k.cipherSuite()));
            printSchedule(k);
        }
        if (!any) out.println("No TLS connection in the capture.");
        out.flush();
    }

    private void printSchedule(KeySchedule k) {
        if (k == null) {
            out.println("  no key log: load one (--keylog FILE) to see this connection's key schedule");
            out.println();
            return;
        }
        if (k.problem() != null) out.println("  (" + k.problem() + ")");
        for (String stage : k.stages()) {
            out.println("  " + stage);
            for (KeySchedule.Step s : k.steps()) {
                if (!s.stage().equals(stage)) continue;
                out.println("    " + s.name() + (s.psk() ? "  [PSK]" : "") + "  (" + s.rfc() + ")");
                out.println("      = " + s.formula());
                out.println("      " + (s.value() == null ? "?" : s.hex()) + "  [" + s.sourceText() + "]");
                if (s.checkText() != null) out.println("      " + s.checkText());
                if (s.note() != null && s.check() == null) out.println("      " + s.note());
            }
        }
        out.println();
    }
}
