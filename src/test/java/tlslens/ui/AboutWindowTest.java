package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.ui.WindowTestSupport.fx;
import static tlslens.ui.WindowTestSupport.waitUntil;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tlslens.cli.Cli;

/** Help → About shows what {@code tlslens --version} prints, with the JavaFX that is running. */
@ExtendWith(ApplicationExtension.class)
class AboutWindowTest {

    @Start
    void start(Stage stage) throws Exception {
        WindowTestSupport.show(stage);
    }

    @Test
    void aboutShowsTheVersionReport(FxRobot robot) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            assertEquals(0, Cli.run(new String[] {"--version"}, o, o));
        }
        List<String> cli = out.toString(StandardCharsets.UTF_8).lines().toList();

        robot.clickOn("Help").clickOn("About TLS Lens");
        waitUntil("the About dialog", 10, () -> about() != null);
        assertEquals(cli.get(0), fx(() -> about().getHeaderText()));
        String text = fx(() -> about().getContentText());
        for (String line : cli.subList(1, cli.size())) {
            if (line.isBlank() || line.startsWith("Running with")) continue;
            if (line.trim().startsWith("JavaFX ")) {
                // The running toolkit's own version ("21.0.11+2"), which starts with the one built with.
                Matcher m = Pattern.compile("<javafx.version>([^<]+)<").matcher(Files.readString(Path.of("pom.xml")));
                assertTrue(m.find());
                assertTrue(text.contains("JavaFX " + m.group(1)), text);
                assertEquals(System.getProperty("javafx.runtime.version"),
                        text.lines().filter(l -> l.trim().startsWith("JavaFX ")).findFirst().orElseThrow().trim()
                                .substring("JavaFX ".length()));
            } else {
                assertTrue(text.contains(line.trim()), "About lacks \"" + line.trim() + "\":\n" + text);
            }
        }
        robot.type(KeyCode.ESCAPE);
        waitUntil("the About dialog closed", 5, () -> about() == null);
    }

    private static DialogPane about() {
        return Window.getWindows().stream()
                .filter(w -> w.isShowing() && w.getScene() != null && w.getScene().getRoot() instanceof DialogPane p
                        && "aboutDialog".equals(p.getId()))
                .map(w -> (DialogPane) w.getScene().getRoot()).findFirst().orElse(null);
    }
}
