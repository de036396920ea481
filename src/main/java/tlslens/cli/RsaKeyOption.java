package tlslens.cli;

import java.nio.file.Path;

/** One entry of Wireshark's RSA keys list from the command line: a key file and its password ("" for none). */
record RsaKeyOption(Path file, String password) {
    @Override public String toString() { return "RsaKeyOption[" + file + "]"; } // never the password
}
