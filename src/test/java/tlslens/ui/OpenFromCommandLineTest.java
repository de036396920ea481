package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static tlslens.ui.WindowTestSupport.fx;
import static tlslens.ui.WindowTestSupport.waitLoaded;

import java.nio.file.Path;

import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** "tlslens FILE" (TlsLensApp with the file as its one parameter) opens the window on that file. */
class OpenFromCommandLineTest {
    private TlsLensApp app;

    @AfterEach
    void close() throws Exception {
        if (app != null) FxToolkit.cleanupApplication(app);
    }

    @Test
    void theFileGivenIsOpened() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        Path sample = WindowTestSupport.SAMPLE.toAbsolutePath().normalize();
        int rows = WindowTestSupport.tshark("-r", sample.toString()).size();
        app = (TlsLensApp) FxToolkit.setupApplication(TlsLensApp.class, sample.toString());
        MainWindowController c = fx(() -> app.controller());
        waitLoaded(c, rows);
        assertEquals(sample, fx(c::currentFile));
        // The title names the file, as Wireshark's does (package-test.sh finds the installed window by it).
        assertEquals("tls-sample.pcapng — TLS Lens", fx(stage::getTitle));
    }
}
