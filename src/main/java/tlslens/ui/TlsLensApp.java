package tlslens.ui;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import tlslens.ui.model.WindowLayout;

/** The TLS Lens window: toolbar, display filter, packet table, inspector, status bar. */
public final class TlsLensApp extends Application {
    static final String TITLE = "TLS Lens";
    private MainWindowController controller;

    /**
     * Prism settings, to be made before the toolkit starts. Prism draws each plain Region
     * background (every table row, tree cell) from a cached 9-slice image: with a GPU either way
     * is cheap, but on the software pipeline (no GPU, VMs, remote X) those image copies were 85 %
     * of the frame time while scrolling the packet table, and a frame the renderer has not
     * finished holds up the FX thread's next pulse. Plain fills are then drawn directly.
     */
    public static void configureToolkit() {
        if (System.getProperty("prism.disableRegionCaching") == null) System.setProperty("prism.disableRegionCaching", "true");
    }

    /**
     * Starts the toolkit and opens the window, on the capture file {@code args} names if any;
     * returns when the window has closed.
     */
    public static void launchWindow(String... args) {
        configureToolkit();
        Application.launch(TlsLensApp.class, args);
    }

    @Override
    public void start(Stage stage) throws IOException {
        controller = load(stage);
        stage.show();
        // "tlslens FILE": the file, as if chosen in File > Open (a file that can't be read says so).
        List<String> files = getParameters().getUnnamed();
        if (!files.isEmpty()) controller.open(Path.of(files.get(0)).toAbsolutePath());
    }

    /** The window's controller once started (the tests' way in). */
    MainWindowController controller() { return controller; }

    /** Builds the window into {@code stage} (also used by the tests); does not show it. */
    public static MainWindowController load(Stage stage) throws IOException {
        FXMLLoader loader = FxmlFile.MAIN_WINDOW.loader();
        Parent root = loader.load();
        MainWindowController controller = loader.getController();
        WindowLayout layout = controller.layout();
        Scene scene = new Scene(root);
        for (String css : new String[] {"/tlslens/ui/main.css", "/tlslens/ui/controls.css"}) {
            URL u = TlsLensApp.class.getResource(css);
            if (u != null) scene.getStylesheets().add(u.toExternalForm());
        }
        stage.setTitle(TITLE);
        stage.setScene(scene);
        // Not larger than a 1366x768 laptop's screen less its task bar.
        stage.setMinWidth(720);
        stage.setMinHeight(480);
        LayoutMemory.place(stage, layout);
        controller.setStage(stage);
        return controller;
    }

    @Override
    public void stop() {
        if (controller != null) controller.shutdown();
    }
}
