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
    /**
     * Wireshark's RSA keys list: -o tls.keys_list:IP,PORT,PROTOCOL,FILE[,PASSWORD][;...] (ssl.keys_list,
     * the legacy form; IP, port and protocol are accepted and, as in tshark 4.0, not used: a key is
     * matched by its server certificate) and -o uat:rsa_keys:"FILE","PASSWORD".
     */
    final List<RsaKeyOption> rsaKeys = new java.util.ArrayList<>();
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
            case "tls.keys_list":
            case "ssl.keys_list":
                for (String entry : unquote(value).split(";")) {
                    if (entry.isBlank()) continue;
                    String[] f = entry.split(",", -1);
                    if (f.length < 4 || f.length > 5 || f[3].isBlank()) {
                        throw new UsageException("Invalid -o flag \"" + flag + "\": each entry of " + name
                                + " is IP,PORT,PROTOCOL,KEYFILE[,PASSWORD] (entries separated by ';')");
                    }
                    rsaKeys.add(new RsaKeyOption(Path.of(f[3].strip()), f.length == 5 ? f[4] : ""));
                }
                return;
            case "uat":
                uat(flag, value);
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

    /** -o uat:rsa_keys:"FILE","PASSWORD" (and the older uat:ssl_keys:"IP","PORT","PROTOCOL","FILE","PASSWORD"). */
    private void uat(String flag, String value) throws UsageException {
        int colon = value.indexOf(':');
        String table = colon < 0 ? value : value.substring(0, colon).trim();
        List<String> f = colon < 0 ? List.of() : uatFields(value.substring(colon + 1));
        switch (table) {
            case "rsa_keys" -> {
                if (f == null || f.size() != 2 || f.get(0).isBlank()) {
                    throw new UsageException("Invalid -o flag \"" + flag + "\": uat:rsa_keys takes \"KEYFILE\",\"PASSWORD\"");
                }
                rsaKeys.add(new RsaKeyOption(Path.of(f.get(0)), f.get(1)));
            }
            case "ssl_keys" -> {
                if (f == null || f.size() != 5 || f.get(3).isBlank()) {
                    throw new UsageException("Invalid -o flag \"" + flag
                            + "\": uat:ssl_keys takes \"IP\",\"PORT\",\"PROTOCOL\",\"KEYFILE\",\"PASSWORD\"");
                }
                rsaKeys.add(new RsaKeyOption(Path.of(f.get(3)), f.get(4)));
            }
            default -> throw new UsageException("-o flag \"" + flag + "\" specifies unknown preference");
        }
    }

    /** A UAT record: comma-separated fields, each "quoted" (\\, \" and \xHH escapes) or bare; null if malformed. */
    static List<String> uatFields(String s) {
        List<String> out = new java.util.ArrayList<>();
        int i = 0, n = s.length();
        while (true) {
            while (i < n && s.charAt(i) == ' ') i++;
            StringBuilder sb = new StringBuilder();
            if (i < n && s.charAt(i) == '"') {
                i++;
                while (i < n && s.charAt(i) != '"') {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) {
                        char e = s.charAt(i++);
                        if (e == 'x' && i + 2 <= n) {
                            try {
                                sb.append((char) Integer.parseInt(s.substring(i, i + 2), 16));
                            } catch (NumberFormatException ex) {
                                return null;
                            }
                            i += 2;
                        } else {
                            sb.append(e);
                        }
                    } else {
                        sb.append(c);
                    }
                }
                if (i >= n) return null;
                i++;
            } else {
                while (i < n && s.charAt(i) != ',') sb.append(s.charAt(i++));
            }
            out.add(sb.toString().strip());
            while (i < n && s.charAt(i) == ' ') i++;
            if (i >= n) return out;
            if (s.charAt(i) != ',') return null;
            i++;
        }
    }

    /** Wireshark accepts a quoted file name ("-o tls.keylog_file:\"a b.log\""). */
    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) return v.substring(1, v.length() - 1);
        return v;
    }
}
