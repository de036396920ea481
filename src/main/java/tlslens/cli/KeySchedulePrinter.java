package tlslens.cli;

import java.io.PrintStream;
import java.util.BitSet;

import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.tls.TlsConnection;
import tlslens.dissect.tls.decrypt.KeySchedule;
import tlslens.dissect.tls.names.CipherSuites;
import tlslens.dissect.tls.names.TlsVersions;
import tlslens.engine.ConnectionState;
import tlslens.engine.Engine;

/**
 * --key-schedule: instead of frames, each TLS connection's key schedule once the capture is read (a
 * handout of RFC 8446 7.1 / RFC 5246 6.3 with this capture's values): per step its name, RFC section,
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

    @Override
    public void print(RawFrame raw, FrameDissection fd) {
        if (fd.tcpStream() >= 0) shown.set(fd.tcpStream());
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
            KeySchedule k = tls.keySchedule();
            if (k == null) {
                out.println("  no key log: load one (--keylog FILE) to see this connection's key schedule");
                out.println();
                continue;
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
        if (!any) out.println("No TLS connection in the capture.");
        out.flush();
    }
}
