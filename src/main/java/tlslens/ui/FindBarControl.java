package tlslens.ui;

import java.util.concurrent.atomic.AtomicBoolean;

import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import tlslens.engine.CaptureIndex;
import tlslens.ui.controls.PacketTable;
import tlslens.ui.model.FindBarModel;
import tlslens.ui.model.FindBarModel.Bar;
import tlslens.ui.model.FindQuery;
import tlslens.ui.model.PacketTableModel;

/**
 * The find and go-to bars (Edit &gt; Find Packet, Go to Packet). A search runs in the background
 * over the rows in table order, from the selected one on; a newer search or another capture
 * drops it.
 */
final class FindBarControl {
    private final FindBarModel model = new FindBarModel();
    private final OpenCapture capture;
    private final PacketTableModel rows;
    private final PacketTable table;
    private final PacketSelector selector;
    private AtomicBoolean searchCancel = new AtomicBoolean();
    private ChoiceBox<FindQuery.Mode> findMode;
    private TextField findField;
    private TextField goToField;

    FindBarControl(OpenCapture capture, PacketTableModel rows, PacketTable table, PacketSelector selector) {
        this.capture = capture;
        this.rows = rows;
        this.table = table;
        this.selector = selector;
        capture.feedProperty().addListener((o, a, b) -> searchCancel.set(true));
    }

    void bindFind(HBox bar, ChoiceBox<FindQuery.Mode> mode, TextField field, Label message) {
        findMode = mode;
        findField = field;
        mode.getItems().setAll(FindQuery.Mode.values());
        mode.setValue(FindQuery.Mode.DISPLAY_FILTER);
        field.setOnAction(e -> findNext());
        field.setOnKeyPressed(e -> { if (e.getCode() == KeyCode.ESCAPE) model.close(Bar.FIND); });
        message.textProperty().bind(model.findMessageProperty());
        bindShown(bar, Bar.FIND);
    }

    void bindGoTo(HBox bar, TextField field, Label message) {
        goToField = field;
        field.setOnAction(e -> goTo());
        field.setOnKeyPressed(e -> { if (e.getCode() == KeyCode.ESCAPE) model.close(Bar.GO_TO); });
        message.textProperty().bind(model.goToMessageProperty());
        bindShown(bar, Bar.GO_TO);
    }

    private void bindShown(HBox bar, Bar which) {
        var shown = model.openProperty().isEqualTo(which);
        bar.visibleProperty().bind(shown);
        bar.managedProperty().bind(shown);
    }

    void openFind() { open(Bar.FIND, findField); }

    void openGoTo() { open(Bar.GO_TO, goToField); }

    void closeFind() { model.close(Bar.FIND); }

    void closeGoTo() { model.close(Bar.GO_TO); }

    private void open(Bar bar, TextField field) {
        model.show(bar);
        field.requestFocus();
        field.selectAll();
    }

    /** Find Next: the first row after the selected one that matches, wrapping around. */
    void findNext() {
        CaptureIndex idx = capture.index();
        int[] order = table.frameNumbers();
        FindQuery q = model.query(findMode.getValue(), findField.getText(), idx != null, order.length);
        if (q == null) return;
        int from = Math.max(-1, table.getSelectedIndex());
        searchCancel.set(true);
        AtomicBoolean cancel = new AtomicBoolean();
        searchCancel = cancel;
        Background.run(() -> q.find(idx, order, from < 0 ? order.length - 1 : from, cancel::get), pos -> {
            if (cancel.get()) return;
            model.found(pos < 0 ? -1 : order[pos]);
            if (pos >= 0) selector.select(order[pos]);
        }, model::searchFailed);
    }

    /** Go: selects the packet whose number was typed, if it exists and is shown. */
    void goTo() {
        int n = model.goToTarget(goToField.getText(), capture.feed() != null, rows);
        if (n > 0) model.wentTo(n, selector.select(n));
    }
}
