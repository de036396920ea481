package tlslens.ui;

import java.util.List;
import java.util.function.Supplier;

import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

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

    void about() {
        Alert a = new Alert(Alert.AlertType.INFORMATION,
                "TLS Lens — a TLS dissector with a tshark-compatible command line.\n"
                        + "Display filters, fields and labels follow Wireshark 4.0.", ButtonType.CLOSE);
        a.setTitle("About TLS Lens");
        a.setHeaderText("TLS Lens");
        show(a);
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
