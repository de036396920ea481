package tlslens.explain;

import tlslens.PublicCaptures;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tlslens.analysis.Connection;
import tlslens.analysis.ConnectionAnalyzer;
import tlslens.capture.CaptureFileReader;
import tlslens.capture.RawFrame;
import tlslens.dissect.FrameDissection;
import tlslens.dissect.ProtoNode;
import tlslens.dissect.tls.decrypt.KeyLog;
import tlslens.dissect.tls.decrypt.TlsSecrets;
import tlslens.engine.Engine;

/** A capture dissected frame by frame with its connection model, and tshark's fields of it to compare with. */
final class ExplainCaptures {
    static final Path OURS = Path.of("src/test/resources/captures");
    static final Path PUBLIC = PublicCaptures.DIR;

    final Path file;
    final Path keylog;
    final List<FrameDissection> frames = new ArrayList<>();
    final List<Connection> connections;
    final Explainer explainer;

    private ExplainCaptures(Path file, Path keylog) {
        this.file = file;
        this.keylog = keylog;
        if (!Files.exists(file)) fail("capture missing: " + file.toAbsolutePath());
        TlsSecrets secrets = null;
        try {
            if (keylog != null) secrets = new TlsSecrets(KeyLog.read(keylog));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + keylog, e);
        }
        Engine engine = secrets == null ? new Engine() : new Engine(secrets);
        try (CaptureFileReader r = CaptureFileReader.open(file)) {
            RawFrame f;
            while ((f = r.next()) != null) frames.add(engine.dissect(f));
        } catch (Exception e) {
            throw new AssertionError("cannot read " + file, e);
        }
        connections = ConnectionAnalyzer.analyze(engine.connections());
        explainer = new Explainer(connections);
    }

    /** One of our captures, with the key log beside it when {@code withKeys}. */
    static ExplainCaptures ours(String name, boolean withKeys) {
        Path p = OURS.resolve(name);
        String base = name.substring(0, name.lastIndexOf('.'));
        return new ExplainCaptures(p, withKeys ? OURS.resolve(base + ".keylog") : null);
    }

    static ExplainCaptures publicCapture(String name) { return new ExplainCaptures(PUBLIC.resolve(name), null); }

    FrameDissection frame(long number) { return frames.get((int) number - 1); }

    /** The handshake message items of type {@code type} in frame {@code number}, in order. */
    List<ProtoNode> messages(long number, int type) {
        List<ProtoNode> out = new ArrayList<>();
        for (ProtoNode n : frame(number).root.find("tls.handshake")) {
            for (ProtoNode c : n.children()) {
                if (c.field != null && c.field.abbrev.equals("tls.handshake.type") && c.value() instanceof Number v
                        && v.intValue() == type) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    /** tshark's -T fields output (one list of columns per line) for a display filter and fields, with the key log. */
    List<String[]> tshark(String filter, String... fields) {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-r", file.toString(), "-Y", filter, "-T", "fields",
                "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=,"));
        if (keylog != null) cmd.addAll(List.of("-o", "tls.keylog_file:" + keylog));
        for (String f : fields) cmd.addAll(List.of("-e", f));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) fail("tshark failed: " + cmd);
            List<String[]> rows = new ArrayList<>();
            for (String line : out.split("\n")) if (!line.isBlank()) rows.add(line.split("\\|", -1));
            return rows;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("cannot run tshark", e);
        }
    }
}
