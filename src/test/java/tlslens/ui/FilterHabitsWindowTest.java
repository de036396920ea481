package tlslens.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tlslens.ui.WindowTestSupport.fx;
import static tlslens.ui.WindowTestSupport.tshark;
import static tlslens.ui.WindowTestSupport.waitLoaded;
import static tlslens.ui.WindowTestSupport.waitUntil;

import java.nio.file.Path;
import java.util.List;

import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import tlslens.ui.model.FilterBarModel;

/**
 * Habits of Wireshark users in the filter bar and the tree: names completed as they are typed, a
 * hint for a misspelt one, "ssl" for "tls", and the selected item's filter name in the status bar.
 */
@ExtendWith(ApplicationExtension.class)
class FilterHabitsWindowTest {
    private static final Path SAMPLE = WindowTestSupport.SAMPLE.toAbsolutePath().normalize();
    private static final String SNI = "tls.handshake.extensions_server_name";
    private MainWindowController window;

    @Start
    void start(Stage stage) throws Exception {
        window = WindowTestSupport.show(stage);
    }

    @Test
    void namesAreCompletedAsTheyAreTyped(FxRobot robot) {
        robot.clickOn("#filterField");
        robot.write("tcp.port == 443 && tls.handshake.extensions_serv");
        waitUntil("the completion popup", 5, () -> window.filterCompletion().isShowing()
                && window.filterCompletion().list().getItems().contains(SNI));
        List<String> offered = fx(() -> List.copyOf(window.filterCompletion().list().getItems()));
        for (String n : offered) assertTrue(n.startsWith("tls.handshake.extensions_serv"), n);
        int at = offered.indexOf(SNI);
        for (int i = 0; i <= at; i++) robot.type(KeyCode.DOWN);
        robot.type(KeyCode.TAB);
        waitUntil("the name taken", 5, () -> !window.filterCompletion().isShowing());
        assertEquals("tcp.port == 443 && " + SNI, fx(() -> window.filterField().getText()));
        assertEquals(FilterBarModel.Status.VALID, fx(() -> window.filterModel().status()));
        // Enter then applies it (the popup is closed).
        robot.type(KeyCode.ENTER);
        waitUntil(5, () -> SNI.equals(window.filterModel().appliedProperty().get().substring(19)));
    }

    @Test
    void aMisspeltFieldGetsTheNearestName(FxRobot robot) {
        robot.interact(() -> window.filterField().setText("tls.handshake.extension_server_name"));
        String said = fx(() -> window.filterMessage().getText());
        assertTrue(said.contains("neither a field nor a protocol name") && said.contains("Did you mean " + SNI + "?"), said);
    }

    @Test
    void sslIsTls(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(SAMPLE));
        waitLoaded(window, WindowTestSupport.SAMPLE_FRAMES);
        int expected = tshark("-r", SAMPLE.toString(), "-Y", "ssl.handshake.type == 1").size();
        robot.interact(() -> window.filterField().setText("ssl.handshake.type == 1"));
        assertEquals(FilterBarModel.Status.VALID, fx(() -> window.filterModel().status()));
        robot.clickOn("#filterField").type(KeyCode.ENTER);
        waitUntil("the filter applied", 10, () -> !window.tableModel().filteringProperty().get()
                && window.table().getItems().size() == expected);
    }

    @Test
    void theSelectedTreeItemIsNamedInTheStatusBar(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(SAMPLE));
        waitLoaded(window, WindowTestSupport.SAMPLE_FRAMES);
        int frame = Integer.parseInt(tshark("-r", SAMPLE.toString(), "-Y", SNI, "-T", "fields", "-e", "frame.number").get(0));
        // The label from tshark's field list, the size from its PDML.
        String label = tshark("-G", "fields").stream().map(l -> l.split("\t"))
                .filter(f -> f.length > 2 && f[0].equals("F") && f[2].equals(SNI)).findFirst().orElseThrow()[1];
        String size = tshark("-r", SAMPLE.toString(), "-Y", "frame.number == " + frame, "-T", "pdml").stream()
                .filter(l -> l.contains("name=\"" + SNI + "\"")).findFirst().orElseThrow()
                .replaceAll(".* size=\"(\\d+)\".*", "$1");
        robot.interact(() -> window.select(frame));
        waitUntil("the frame's tree", 10, () -> window.inspector().inspector().treeView().getRoot() != null
                && window.inspector().inspector().selectField(SNI));
        waitUntil("the status bar naming the item", 5,
                () -> (label + " (" + SNI + "), " + size + " bytes").equals(window.statusText()));
    }
}
