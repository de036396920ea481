package tlslens.dissect.tls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Public entry points to the test replay, for ad-hoc inspection from outside the package. */
public final class TlsReplayAccess {
    private TlsReplayAccess() {}

    public static Object replay(Path p) throws Exception { return TlsReplay.replay(p); }

    /** tshark's record lines per frame, certificate subtrees left out and long lines cut. */
    public static java.util.Map<Integer, List<String>> tsharkTls(Path p) throws Exception {
        java.util.Map<Integer, List<String>> out = new java.util.HashMap<>();
        for (var e : TlsTreeText.tshark(p).entrySet()) {
            List<String> l = new ArrayList<>();
            for (String s : TlsAgreementReport.skipForeignSubtrees(e.getValue())) l.add(TlsTreeText.norm(s));
            out.put(e.getKey(), l);
        }
        return out;
    }

    public static List<String> render(tlslens.dissect.ProtoNode tls) {
        List<String> l = new ArrayList<>();
        for (String s : TlsAgreementReport.skipForeignSubtrees(TlsTreeText.render(tls))) {
            if (!s.trim().startsWith("[JA4")) l.add(TlsTreeText.norm(s));
        }
        return l;
    }

    public static String firstDiff(List<String> w, List<String> g) { return TlsAgreementReport.firstDifference(w, g); }

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
