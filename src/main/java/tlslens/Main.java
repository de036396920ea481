package tlslens;

import tlslens.cli.Cli;

/**
 * Entry point. No arguments: the TLS Lens window. Any argument: the tshark-compatible command
 * line, which never loads JavaFX (so "-r" works without a display). Main does not extend
 * Application, so the shaded jar starts from the plain classpath.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            Gui.launch();
            return;
        }
        System.exit(Cli.runWithSystemStreams(args));
    }

    /** Kept in its own class so that the command-line path never resolves a JavaFX type. */
    private static final class Gui {
        static void launch() {
            try {
                tlslens.ui.TlsLensApp.launchWindow();
            } catch (RuntimeException | LinkageError e) {
                System.err.println(Cli.NAME + ": cannot open the window (" + e.getMessage()
                        + "). Is there a display? For the command line, run: " + Cli.NAME + " -r FILE");
                System.exit(1);
            }
        }
    }
}
