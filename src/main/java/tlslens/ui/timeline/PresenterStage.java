package tlslens.ui.timeline;

import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.transform.Scale;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * A view shown full screen for a class: the ladder or the side-by-side, everything drawn larger (the
 * view is laid out in a smaller area and scaled up, so text, arrows and scroll bars grow alike and
 * nothing is cut). Esc or F11 leaves; the view keeps its own keys (the ladder's step-through).
 */
public final class PresenterStage {
    /** Hint shown when the presentation opens. */
    public static final String HINT = "Space or \u2192 reveals the next message, \u2190 hides it, Home starts over, "
            + "End shows all \u00b7 Esc or F11 leaves";

    private final Stage stage = new Stage();
    private final Region view;
    private final Scale scale = new Scale(1, 1, 0, 0);

    private PresenterStage(Window owner, Region view, String title) {
        this.view = view;
        Pane root = new Pane(view);
        root.getStyleClass().add("presenter");
        root.setId("presenter");
        String css = HandshakeLadder.stylesheet();
        if (css != null) root.getStylesheets().add(css);
        view.setManaged(false);
        view.getTransforms().add(scale);
        root.widthProperty().addListener((o, a, b) -> fit(root));
        root.heightProperty().addListener((o, a, b) -> fit(root));
        Scene scene = new Scene(root, 1280, 800);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.F11 || e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                close();
            }
        });
        if (owner != null) {
            stage.initOwner(owner);
            // The owner's screen; also the size where no window manager makes a full-screen window fill it.
            var screens = javafx.stage.Screen.getScreensForRectangle(owner.getX(), owner.getY(), Math.max(1, owner.getWidth()),
                    Math.max(1, owner.getHeight()));
            var bounds = (screens.isEmpty() ? javafx.stage.Screen.getPrimary() : screens.get(0)).getBounds();
            stage.setX(bounds.getMinX());
            stage.setY(bounds.getMinY());
            stage.setWidth(bounds.getWidth());
            stage.setHeight(bounds.getHeight());
        }
        stage.setTitle(title);
        stage.setScene(scene);
        stage.setFullScreenExitHint(HINT);
        // Esc is ours: it closes the presentation rather than leaving a window behind.
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.fullScreenProperty().addListener((o, was, now) -> {
            if (was && !now) close();
        });
        stage.setFullScreen(true);
    }

    /** Shows {@code view} full screen and gives it the keyboard. */
    public static PresenterStage show(Window owner, Region view, String title) {
        PresenterStage p = new PresenterStage(owner, view, title);
        p.stage.show();
        view.requestFocus();
        return p;
    }

    /**
     * The projector's scale: the view laid out as on a 720-pixel-high screen, at least 1.3 times
     * the window's size and at most 2.5 times.
     */
    static double zoom(double height) { return Math.max(1.3, Math.min(2.5, height / 720)); }

    private void fit(Pane root) {
        double z = zoom(root.getHeight());
        scale.setX(z);
        scale.setY(z);
        view.resizeRelocate(0, 0, root.getWidth() / z, root.getHeight() / z);
    }

    public void close() { stage.close(); }

    public boolean isShowing() { return stage.isShowing(); }

    public Stage stage() { return stage; }

    /** The factor the view is drawn larger by. */
    public double zoom() { return scale.getX(); }

    public Region view() { return view; }
}
