package tlslens.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Runs the command line in-process and captures what it prints. */
final class CliRunner {
    static final Path CAPTURES = Path.of("src/test/resources/captures");
    static final Path GOLDEN = Path.of("src/test/resources/golden");

    record Result(int exitCode, String out, String err) {
        String[] errLines() { return err.isEmpty() ? new String[0] : err.split("\n"); }

        String[] outLines() { return out.isEmpty() ? new String[0] : out.split("\n"); }
    }

    private CliRunner() {}

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc;
        try (PrintStream o = new PrintStream(out, false, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            rc = Cli.run(args, o, e);
        }
        return new Result(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String capture(String name) { return CAPTURES.resolve(name).toString(); }
}
