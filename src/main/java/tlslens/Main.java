package tlslens;

import tlslens.cli.Cli;

/**
 * Entry point. No arguments: the TLS Lens window; one argument that is not an option: the window
 * on that capture file, as {@code wireshark FILE} opens it. Anything else: the tshark-compatible
 * command line, which never loads JavaFX (so "-r" works without a display). Main does not extend
 * Application, so the shaded jar starts from the plain classpath.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (opensWindow(args)) {
            Gui.launch(args);
            return;
        }
        System.exit(Cli.runWithSystemStreams(args));
    }

    /**
     * True for the window: no arguments, or a capture file as the only one ("tlslens FILE", as
     * "wireshark FILE"). A lone word is a file here, not a display filter: without -r or -i the
     * command line has nothing to apply one to.
     */
    static boolean opensWindow(String[] args) {
        return args.length == 0 || args.length == 1 && !args[0].isEmpty() && !args[0].startsWith("-");
    }

    /** Kept in its own class so that the command-line path never resolves a JavaFX type. */
    private static final class Gui {
        static void launch(String[] args) {
            try {
                tlslens.ui.TlsLensApp.launchWindow(args);
            } catch (RuntimeException | LinkageError e) {
                System.err.println(Cli.NAME + ": cannot open the window (" + e.getMessage()
                        + "). Is there a display? For the command line, run: " + Cli.NAME + " -r FILE");
                System.exit(1);
            }
        }
    }
}
