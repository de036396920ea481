package tlslens.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;
import tlslens.ui.model.CaptureSessionModel;

/** Shared steps of the window tests: build the window, wait for loads, ask tshark. */
final class WindowTestSupport {
    static final String PREFS = "tlslens-test";
    static final Path SAMPLE = Path.of("src/main/resources/sample/tls-sample.pcapng");

    static {
        // Keep the tests' recent files and window layout away from the user's.
        System.setProperty("tlslens.prefs", PREFS);
    }

    private WindowTestSupport() {}

    static MainWindowController show(Stage stage) throws IOException {
        MainWindowController c = TlsLensApp.load(stage);
        stage.setMaximized(false);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1500);
        stage.setHeight(940);
        stage.show();
        return c;
    }

    static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void waitUntil(int seconds, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
        } catch (Exception e) {
            throw new AssertionError("condition not met within " + seconds + " s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    static void waitLoaded(MainWindowController c, int expectedRows) {
        waitUntil(20, () -> c.sessionModel().state() == CaptureSessionModel.State.LOADED
                && c.tableModel().total() == expectedRows);
    }

    /** tshark's output lines for the arguments (after "tshark"). */
    static List<String> tshark(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException("tshark failed: " + cmd);
        List<String> lines = new ArrayList<>(List.of(out.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) lines.remove(lines.size() - 1);
        return lines;
    }
}
