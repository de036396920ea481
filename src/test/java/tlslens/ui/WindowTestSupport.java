package tlslens.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;
import tlslens.ui.model.CaptureSessionModel;

/** Shared steps of the window tests: build the window, wait for loads, ask tshark. */
final class WindowTestSupport {
    static final String PREFS = "tlslens-test";
    static final Path SAMPLE = tlslens.SampleCapture.PATH;
    /** The frames of the bundled sample, as read from it. */
    static final int SAMPLE_FRAMES = tlslens.SampleCapture.frames();

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
        waitUntil("condition", seconds, condition);
    }

    /** Waits until {@code condition}, read on the FX thread, holds; the failure names {@code what}. */
    static void waitUntil(String what, int seconds, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
        } catch (Exception e) {
            throw new AssertionError(what + " not met within " + seconds + " s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Waits until the FX thread has run {@code n} pulses from now: what was changed before has been
     * laid out and drawn (a scroll, a resize, rows added to a table).
     */
    static void waitForPulses(int n) {
        CountDownLatch pulses = new CountDownLatch(n);
        Platform.runLater(() -> new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulses.countDown();
                if (pulses.getCount() == 0) stop();
            }
        }.start());
        try {
            if (!pulses.await(10, TimeUnit.SECONDS)) throw new AssertionError("no " + n + " pulses within 10 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Whether {@code node} is what a screenshot would show: in a showing window, visible with all its
     * parents, laid out with a non-zero size, and at least partly inside the scene.
     */
    static boolean isOnScreen(Node node) {
        if (node == null || node.getScene() == null || node.getScene().getWindow() == null
                || !node.getScene().getWindow().isShowing()) {
            return false;
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) return false;
        }
        Bounds b = node.localToScene(node.getLayoutBounds());
        Scene scene = node.getScene();
        return b.getWidth() > 0 && b.getHeight() > 0
                && b.intersects(new BoundingBox(0, 0, scene.getWidth(), scene.getHeight()));
    }

    /** Asserts (reading on the FX thread) that {@code node} is on screen; {@code what} names it in the failure. */
    static void assertOnScreen(String what, Callable<Node> node) {
        if (!fx(() -> isOnScreen(node.call()))) throw new AssertionError(what + " is not on screen");
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
