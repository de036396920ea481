package tlslens.ui.decrypt;

import java.nio.file.Path;

/** One entry of the RSA keys list (Preferences): a key file and its PKCS#12 password ("" for none). */
public record RsaKeyEntry(Path file, String password) {
    public RsaKeyEntry {
        password = password == null ? "" : password;
    }

    /** "server.p12 (password set)", for the list; never the password. */
    public String label() {
        return file.getFileName() + (password.isEmpty() ? "" : " (password set)");
    }

    @Override public String toString() { return "RsaKeyEntry[" + file + "]"; }
}
