package tlslens.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import tlslens.lab.Lab;
import tlslens.lab.LabConnection;
import tlslens.lab.LabScenario;

/** {@code --lab OUT.pcapng [--lab-scenarios LIST] [--lab-rtt MS | --lab-capture-lo]}: makes a lesson capture and says what it made. */
final class LabRun {
    private final PrintStream out;
    private final PrintStream err;

    LabRun(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(CliOptions o) throws UsageException {
        if (o.lab == null) {
            throw new UsageException("--lab-scenarios, --lab-rtt and --lab-capture-lo go with --lab OUT.pcapng.");
        }
        if (o.readFile != null || o.iface != null) throw new UsageException("--lab makes a capture: it takes no -r or -i.");
        List<LabScenario> scenarios;
        try {
            scenarios = o.labScenarios == null ? List.of(LabScenario.values()) : LabScenario.parse(o.labScenarios);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (scenarios.isEmpty()) throw new UsageException("--lab-scenarios names no lesson.");
        int rtt = o.labRtt == null ? 0 : o.labRtt;
        if (rtt < 0 || rtt > 10_000) throw new UsageException("--lab-rtt must be 0 to 10000 ms.");
        if (o.labCaptureLo && o.labRtt != null) {
            throw new UsageException("--lab-capture-lo writes what loopback really carried, at its real times: "
                    + "it takes no --lab-rtt (a simulated round-trip time is for the lab's own framing).");
        }
        if (o.labCaptureLo) {
            // Said before the lessons run, not after: a lab takes seconds.
            String refused = Lab.loopbackCaptureRefusal();
            if (refused != null) {
                throw new UsageException("--lab-capture-lo: " + refused + " Without --lab-capture-lo the lab needs no "
                        + "permission.", ExitCodes.CAPTURE_ERROR);
            }
        }
        Path file = Path.of(o.lab);
        Lab.Result r;
        try {
            r = Lab.run(file, scenarios, rtt, o.labCaptureLo, (message, fraction) -> err.println(message));
        } catch (IOException e) {
            throw new UsageException("The lab could not write " + file + ": " + e.getMessage(), ExitCodes.INVALID_FILE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("The lab was interrupted.", ExitCodes.CAPTURE_ERROR);
        }
        out.println("Wrote " + r.capture() + ": " + r.connections().size() + " connections, " + r.frames() + " frames"
                + (rtt > 0 ? ", at a simulated RTT of " + rtt + " ms" : "")
                + (o.labCaptureLo ? ", captured on loopback" : "") + ", keys embedded.");
        for (String w : r.warnings()) err.println("Warning: " + w);
        for (LabConnection c : r.connections()) {
            // Each transport numbers its own connections, as Wireshark does: "#3" is tcp.stream 3, "QUIC #1" quic.connection.number 1.
            String n = c.scenario().transport().equals("tcp") ? "#" : c.scenario().transport().toUpperCase(java.util.Locale.ROOT) + " #";
            out.println(String.format("  %s%d %-16s %-8s %s, %s%s; %s", n, c.index(), c.scenario().id(), c.role(),
                    c.version(), c.resumed() ? "resumed by " + c.resumption() + " from " + n + c.origin() : "full handshake",
                    c.keysEmbedded() ? "" : " (keys not embedded)", c.implementation()));
        }
        out.println("What happened: " + r.manifest());
        if (r.rsaKey() != null) {
            out.println("RSA lesson: the server's key " + r.rsaKey() + ", its key log " + r.rsaKeyLog()
                    + " (not embedded: with the key alone, the RSA connection decrypts and the ECDHE one does not).");
        }
        for (Lab.Skipped s : r.skipped()) out.println("Skipped " + s.scenario().id() + ": " + s.reason());
        return r.connections().isEmpty() ? ExitCodes.CAPTURE_ERROR : ExitCodes.OK;
    }
}
