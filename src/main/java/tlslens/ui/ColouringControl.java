package tlslens.ui;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.prefs.Preferences;

import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.stage.Window;
import tlslens.engine.CaptureIndex;
import tlslens.ui.controls.PacketTable;
import tlslens.ui.model.ColouringRule;
import tlslens.ui.model.ColouringRuleStore;
import tlslens.ui.model.ColouringRules;
import tlslens.ui.model.PacketTableModel;

/**
 * The colouring rules in the window: loads and saves them with the preferences, colours the
 * packet table, keeps the status bar's legend, shows View &gt; Colouring Rules (fxml/colouring_rules.fxml),
 * and when the rules change recolours the loaded rows in the background.
 */
final class ColouringControl {
    private final ColouringRuleStore store;
    private final HBox legend = new HBox(8);
    private volatile ColouringRules rules;
    private PacketTable table;
    private PacketTableModel model;
    private Supplier<RowFeed> feed;
    private AtomicBoolean passCancel = new AtomicBoolean();

    ColouringControl(Preferences node) {
        this.store = new ColouringRuleStore(node);
        this.rules = ColouringRules.of(store.load());
        legend.getStyleClass().add("legend");
        fillLegend();
    }

    /** The rules new rows are coloured by (any thread). */
    ColouringRules rules() { return rules; }

    /** Colours {@code table}'s rows; {@code feed} gives the current file's or capture's rows, if any. */
    void attach(PacketTable table, PacketTableModel model, Supplier<RowFeed> feed) {
        this.table = table;
        this.model = model;
        this.feed = feed;
        table.setColouring(rules);
    }

    /** The status bar's legend: a swatch and the name of each rule that takes part, in order. */
    HBox legend() { return legend; }

    /** A fresh copy of the legend's items (for the Colour Legend window). */
    List<Node> legendItems() {
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            if (!rules.isActive(i)) continue;
            ColouringRule r = rules.rules().get(i);
            Label l = new Label(r.name());
            l.setMnemonicParsing(false);
            Pane swatch = new Pane();
            swatch.getStyleClass().add("legend-swatch");
            swatch.setStyle("-fx-background-color: " + r.background().hex() + ";");
            l.setGraphic(swatch);
            l.getStyleClass().add("legend-item");
            out.add(l);
        }
        return out;
    }

    private void fillLegend() { legend.getChildren().setAll(legendItems()); }

    /** View &gt; Colouring Rules…: edits a copy of the rules; OK applies and saves them. */
    void showDialog(Window owner, List<String> stylesheets) {
        FXMLLoader loader;
        Parent content;
        try {
            loader = FxmlFile.COLOURING_RULES.loader();
            content = loader.load();
        } catch (IOException e) {
            new Alert(Alert.AlertType.ERROR, "Can't show the colouring rules: " + e.getMessage(), ButtonType.CLOSE).show();
            return;
        }
        ColouringRulesController editor = loader.getController();
        editor.setRules(rules.rules());
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle("Colouring Rules");
        d.setHeaderText("Packet rows take the colours of the first rule whose display filter matches them");
        d.getDialogPane().setContent(content);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        d.getDialogPane().getStylesheets().setAll(stylesheets);
        d.setResizable(true);
        if (owner != null) d.initOwner(owner);
        d.setResultConverter(b -> b);
        d.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> apply(editor.rules()));
    }

    /**
     * Uses and saves {@code list}: the legend changes now, the table once the loaded rows are
     * recoloured (a row's colour is a rule's index, which means another rule in the new list).
     */
    void apply(List<ColouringRule> list) {
        if (list.equals(rules.rules())) return;
        store.save(list);
        ColouringRules next = ColouringRules.of(list);
        rules = next;
        fillLegend();
        if (!recolour(next) && table != null) table.setColouring(next);
    }

    /**
     * Colours every loaded row by {@code next} in the background, then gives the table the new
     * rules; rows that arrive meanwhile the loader colours. False when there are no rows to recolour.
     */
    private boolean recolour(ColouringRules next) {
        passCancel.set(true);
        RowFeed f = feed == null ? null : feed.get();
        if (f == null) return false;
        f.setColouring(next); // before the pass counts the frames (PacketTableModel's class comment)
        CaptureIndex idx = f.index();
        if (idx == null) return false;
        AtomicBoolean cancel = new AtomicBoolean();
        passCancel = cancel;
        Background.run(() -> {
            int scanned = idx.frameCount();
            short[] colours = new short[scanned + 1];
            boolean done = idx.redissect(scanned, next.needsDetail(), () -> cancel.get() || f.isCancelled(),
                    fd -> colours[fd.number] = next.colourOf(fd));
            return done ? colours : null;
        }, colours -> {
            if (cancel.get() || rules != next) return; // a newer pass sets the table's rules
            if (colours != null && feed.get() == f) model.recolour(colours);
            table.setColouring(next);
        }, e -> {
            // A capture closed under the pass; otherwise a bug, and the rows keep their old indexes.
            if (!f.isCancelled()) e.printStackTrace();
            if (!cancel.get() && rules == next) table.setColouring(next);
        });
        return true;
    }
}
