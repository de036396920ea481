package tlslens.dissect.tls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Public entry points to the test replay, for ad-hoc inspection from outside the package. */
public final class TlsReplayAccess {
    private TlsReplayAccess() {}

    public static Object replay(Path p) throws Exception { return TlsReplay.replay(p); }

    public static java.util.Map<Integer, TlsConnection> connections(Object result) {
        return ((TlsReplay.Result) result).connections();
    }

    public static List<String> frameLines(Object result, int frame) {
        TlsReplay.Frame f = ((TlsReplay.Result) result).frame(frame);
        if (f == null) return List.of();
        List<String> out = new ArrayList<>();
        out.add("  [" + f.fd().protocol() + " | " + f.fd().info() + "]");
        out.addAll(TlsTreeText.render(f.tls()));
        return out;
    }
}
