package tlslens.cli;

import java.nio.file.Path;
import java.util.List;

import tlslens.dissect.column.ColumnFormat;
import tlslens.dissect.column.ColumnSpec;

/**
 * The -o name:value preferences we honour. Wireshark has thousands; we keep the ones a TLS user
 * passes (the key log, the summary columns) and quietly accept TCP's, whose behaviour (reassembly,
 * relative numbers) is fixed here, so existing tshark command lines keep working.
 */
final class Preferences {
    /** -o tls.keylog_file:FILE (ssl.keylog_file is Wireshark's old name for it). */
    Path keylogFile;
    /** -o gui.column.format:"Title","%Cus:field",...: the columns of the summary lines. */
    List<ColumnSpec> columns = ColumnFormat.DEFAULT;

    static Preferences parse(List<String> flags) throws UsageException {
        Preferences p = new Preferences();
        for (String flag : flags) p.set(flag);
        return p;
    }

    private void set(String flag) throws UsageException {
        int colon = flag.indexOf(':');
        if (colon <= 0) throw new UsageException("Invalid -o flag \"" + flag + "\"");
        String name = flag.substring(0, colon).trim();
        String value = flag.substring(colon + 1).trim();
        switch (name) {
            case "tls.keylog_file":
            case "ssl.keylog_file":
                keylogFile = value.isEmpty() ? null : Path.of(unquote(value));
                return;
            case "gui.column.format":
                try {
                    columns = ColumnFormat.parse(value);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("Invalid -o flag \"" + flag + "\": " + e.getMessage());
                }
                return;
            default:
                if (name.startsWith("tcp.")) return;
                throw new UsageException("-o flag \"" + flag + "\" specifies unknown preference");
        }
    }

    /** Wireshark accepts a quoted file name ("-o tls.keylog_file:\"a b.log\""). */
    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) return v.substring(1, v.length() - 1);
        return v;
    }
}
