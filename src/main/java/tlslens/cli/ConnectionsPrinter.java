package tlslens.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import tlslens.analysis.Connection;
import tlslens.analysis.ConnectionAnalyzer;
import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.engine.Engine;

/**
 * --connections: instead of frames, one summary per connection (TCP, QUIC, DTLS) once the capture is read
 * (JSON, or a table with --format text). With a display filter, the connections that have a
 * matching frame; lineage is still worked out over the whole capture.
 */
final class ConnectionsPrinter implements FramePrinter {
    private final PrintStream out;
    private final boolean text;
    private final BitSet shown = new BitSet();
    /** udp.stream of the frames shown: a QUIC connection or DTLS association is shown with its conversation. */
    private final BitSet shownUdp = new BitSet();
    private Engine engine;

    ConnectionsPrinter(PrintStream out, String format) {
        this.out = out;
        this.text = "text".equals(format);
    }

    /**
     * The output format of --connections ("json" or "text"), or null without --connections;
     * throws when --format or the frame-output options do not fit.
     */
    static String format(CliOptions o) throws UsageException {
        if (!o.connections) {
            if (o.connectionsFormat != null) {
                throw new UsageException("--format applies to --connections (frame output is chosen with -T).");
            }
            return null;
        }
        if (o.format != null || o.details || o.onlyProtocols != null || !o.fields.isEmpty()) {
            throw new UsageException("--connections prints connections, not frames: it cannot be combined with "
                    + "-T, -V, -O or -e (use --format text|json).");
        }
        String f = o.connectionsFormat == null ? "json" : o.connectionsFormat;
        if (!f.equals("json") && !f.equals("text")) {
            throw new UsageException("Invalid --format \"" + f + "\"; it must be text or json.");
        }
        return f;
    }

    /** The engine that dissects the frames: its connections are what this prints. */
    void attach(Engine engine) { this.engine = engine; }

    @Override
    public void print(RawFrame raw, FrameDissection fd) {
        if (fd.tcpStream() >= 0) shown.set(fd.tcpStream());
        if (fd.context().udpStream() >= 0) shownUdp.set(fd.context().udpStream());
    }

    @Override
    public void end() {
        if (engine != null) engine.finish(); // its dissection state is no longer needed: the model needs the room
        List<Connection> all = engine == null ? List.of() : ConnectionAnalyzer.analyze(engine.allConnections());
        List<Connection> selected = new ArrayList<>();
        for (Connection c : all) {
            if (c.transport() == tlslens.engine.Transport.TCP ? shown.get(c.index()) : shownUdp.get(c.udpStream())) {
                selected.add(c);
            }
        }
        if (text) ConnectionTable.write(selected, out);
        else ConnectionJson.write(selected, out);
        out.flush();
    }
}
