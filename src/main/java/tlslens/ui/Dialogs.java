package tlslens.ui;

import java.util.List;
import java.util.function.Supplier;

import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import tlslens.about.VersionReport;
import tlslens.ui.model.UnsavedPackets;

/** The window's message boxes, owned by the window so they stay in front of it. */
final class Dialogs {
    private final Supplier<Window> owner;

    Dialogs(Supplier<Window> owner) { this.owner = owner; }

    Window owner() { return owner.get(); }

    /** An error the user should read; does not wait for them. */
    void error(String header, String message) {
        Alert a = new Alert(Alert.AlertType.ERROR, message == null ? "" : message, ButtonType.OK);
        a.setTitle("TLS Lens");
        a.setHeaderText(header);
        a.getDialogPane().setMinWidth(520);
        show(a);
    }

    /**
     * Save / Don't save / Cancel, modal to the window but not blocking the caller: {@code answer}
     * runs when the user chose (Escape and the close box are Cancel).
     */
    void askToSave(String question, String detail, java.util.function.Consumer<UnsavedPackets.Answer> answer) {
        ButtonType save = new ButtonType(UnsavedPackets.Answer.SAVE.label, ButtonBar.ButtonData.YES);
        ButtonType dontSave = new ButtonType(UnsavedPackets.Answer.DONT_SAVE.label, ButtonBar.ButtonData.NO);
        ButtonType cancel = new ButtonType(UnsavedPackets.Answer.CANCEL.label, ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert a = new Alert(Alert.AlertType.WARNING, detail, save, dontSave, cancel);
        a.setTitle("Unsaved packets — TLS Lens");
        a.setHeaderText(question);
        a.getDialogPane().setId("unsavedDialog");
        a.getDialogPane().setMinWidth(520);
        a.setOnHidden(e -> {
            ButtonType r = a.getResult();
            answer.accept(r == save ? UnsavedPackets.Answer.SAVE
                    : r == dontSave ? UnsavedPackets.Answer.DONT_SAVE : UnsavedPackets.Answer.CANCEL);
        });
        show(a);
    }

    /**
     * Help → About: what {@code tlslens --version} prints (build, commit, Java, JavaFX, pcap4j,
     * libpcap). The report loads libpcap, so it is made in the background.
     */
    void about() {
        String fx = System.getProperty("javafx.runtime.version");
        record Shown(String headline, List<String> libraries) {}
        Background.run(() -> {
            VersionReport r = VersionReport.current();
            return new Shown(r.headline(), r.libraries(fx));
        }, report -> {
            Alert a = new Alert(Alert.AlertType.INFORMATION,
                    "A TLS dissector with a tshark-compatible command line.\n"
                            + "Display filters, fields and labels follow Wireshark 4.0.\n\n"
                            + "Running with:\n  " + String.join("\n  ", report.libraries()), ButtonType.CLOSE);
            a.setTitle("About TLS Lens");
            a.setHeaderText(report.headline());
            a.getDialogPane().setId("aboutDialog");
            a.getDialogPane().setMinWidth(560);
            show(a);
        }, e -> error("Can't tell the versions", e.getMessage()));
    }

    /** View &gt; Colour Legend: the status bar's legend, larger, styled like the window. */
    void colourLegend(List<? extends Node> items) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        a.setTitle("Colour Legend");
        a.setHeaderText("Packet table row colours");
        VBox box = new VBox(6);
        box.getStyleClass().add("legend-popup");
        box.getChildren().addAll(items);
        a.getDialogPane().setContent(box);
        Window w = owner.get();
        if (w != null && w.getScene() != null) a.getDialogPane().getStylesheets().setAll(w.getScene().getStylesheets());
        show(a);
    }

    private void show(Alert a) {
        Window w = owner.get();
        if (w != null) a.initOwner(w);
        a.show();
    }
}
