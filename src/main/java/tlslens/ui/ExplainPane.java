package tlslens.ui;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import tlslens.explain.Explanation;
import tlslens.explain.Note;

/**
 * "What is this?": the notes of the selected tree item or ladder arrow, most specific first (field,
 * extension, message), each with the RFC sections that define it, then what it means in this
 * connection. Only shows what it is given; {@link ExplainControl} decides what.
 */
final class ExplainPane extends VBox {
    static final String PLACEHOLDER = "Select an item of the packet details or an arrow of the handshake ladder "
            + "to read what it is for and which RFC section defines it.";
    static final String NO_NOTE = "No note for this item. Notes cover TLS: its records, handshake messages, extensions "
            + "and alerts, and the fields a lesson is about (random, session id, cipher suite, key share, PSK, ...).";

    private final VBox body = new VBox();
    private Explanation shown = Explanation.NONE;

    ExplainPane() {
        getStyleClass().add("explain-pane");
        setId("explainPane");
        Label heading = new Label("What is this?");
        heading.getStyleClass().add("explain-heading");
        body.getStyleClass().add("explain-body");
        body.setFillWidth(true);
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("explain-scroll");
        VBox.setVgrow(scroll, javafx.scene.layout.Priority.ALWAYS);
        getChildren().addAll(heading, scroll);
        setMinWidth(0);
        show(Explanation.NONE);
    }

    /** Shows {@code e}; the placeholder when it says nothing. */
    void show(Explanation e) { show(e, false); }

    /** Shows {@code e}; when it says nothing, that the selected item has no note ({@code selected}) or how to start. */
    void show(Explanation e, boolean selected) {
        shown = e == null ? Explanation.NONE : e;
        body.getChildren().clear();
        if (shown.isEmpty()) {
            body.getChildren().add(label(selected ? NO_NOTE : PLACEHOLDER, "explain-placeholder"));
            return;
        }
        boolean first = true;
        for (Note n : shown.notes()) {
            VBox card = new VBox(label(n.title(), "explain-title"), label(n.text(), "explain-text"),
                    label(String.join("  ·  ", n.references()), "explain-references"));
            card.getStyleClass().add("explain-note");
            if (first) card.getStyleClass().add("first");
            first = false;
            body.getChildren().add(card);
        }
        if (!shown.inContext().isEmpty()) {
            VBox here = new VBox(label("In this connection", "explain-context-heading"));
            here.getStyleClass().add("explain-context");
            for (String s : shown.inContext()) here.getChildren().add(label(s, "explain-context-line"));
            body.getChildren().add(here);
        }
    }

    /** What the pane shows now. */
    Explanation shown() { return shown; }

    private static Label label(String text, String styleClass) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(styleClass);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox.setMargin(l, Insets.EMPTY);
        return l;
    }
}
