package tlslens.ui;

import java.io.File;
import java.nio.file.Files;
import java.util.List;

import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import tlslens.ui.model.ColouringRule;
import tlslens.ui.model.ColouringRules;
import tlslens.ui.model.ColouringRulesEditor;
import tlslens.ui.model.FilterBarModel;
import tlslens.ui.model.Rgb;

/**
 * fxml/colouring_rules.fxml: the list of rules (enable box, name in its colours, filter) and the
 * selected rule's name, filter (checked as typed, like the filter bar) and colours; add, remove,
 * move, import a Wireshark colorfilters file, restore the defaults. Binds a {@link ColouringRulesEditor}.
 */
public final class ColouringRulesController {
    @FXML private ListView<ColouringRule> ruleList;
    @FXML private Button removeButton;
    @FXML private Button upButton;
    @FXML private Button downButton;
    @FXML private Label importMessage;
    @FXML private GridPane editorGrid;
    @FXML private TextField nameField;
    @FXML private TextField filterField;
    @FXML private Pane filterUnderlineLayer;
    @FXML private Label filterMessage;
    @FXML private ColorPicker foregroundPicker;
    @FXML private ColorPicker backgroundPicker;
    private static final PseudoClass PROBLEM = PseudoClass.getPseudoClass("problem");
    private final ColouringRulesEditor editor = new ColouringRulesEditor();
    private final FilterBarModel filterModel = new FilterBarModel();
    /** Set while the fields show a rule or a rule is replaced, so neither feeds back into the other. */
    private boolean updating;

    @FXML
    private void initialize() {
        ruleList.setItems(editor.rules());
        ruleList.setCellFactory(v -> new RuleCell());
        FilterBarView.bind(filterModel, filterField, filterMessage, filterUnderlineLayer);
        ruleList.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> show(i.intValue()));
        nameField.textProperty().addListener(o -> edited());
        filterModel.textProperty().addListener(o -> edited());
        foregroundPicker.valueProperty().addListener(o -> edited());
        backgroundPicker.valueProperty().addListener(o -> edited());
        show(-1);
    }

    void setRules(List<ColouringRule> rules) {
        editor.setAll(rules);
        if (!rules.isEmpty()) ruleList.getSelectionModel().select(0);
    }

    /** The rules as edited, in order. */
    List<ColouringRule> rules() { return List.copyOf(editor.rules()); }

    private int selected() { return ruleList.getSelectionModel().getSelectedIndex(); }

    private void show(int i) {
        if (updating) return;
        ColouringRule r = i < 0 || i >= editor.rules().size() ? null : editor.rules().get(i);
        updating = true;
        try {
            editorGrid.setDisable(r == null);
            nameField.setText(r == null ? "" : r.name());
            filterModel.textProperty().set(r == null ? "" : r.filter());
            foregroundPicker.setValue(Color.web(r == null ? "#333333" : r.foreground().hex()));
            backgroundPicker.setValue(Color.web(r == null ? "#ffffff" : r.background().hex()));
        } finally {
            updating = false;
        }
        int n = editor.rules().size();
        removeButton.setDisable(r == null);
        upButton.setDisable(r == null || i == 0);
        downButton.setDisable(r == null || i == n - 1);
    }

    /** A field changed: the selected rule takes the fields' values. */
    private void edited() {
        int i = selected();
        if (updating || i < 0) return;
        ColouringRule old = editor.rules().get(i);
        replace(i, new ColouringRule(nameField.getText(), filterModel.textProperty().get(),
                rgb(foregroundPicker.getValue()), rgb(backgroundPicker.getValue()), old.enabled()));
    }

    /** Replaces rule {@code i} keeping it selected and the fields as they are (the caret too). */
    private void replace(int i, ColouringRule r) {
        updating = true;
        try {
            editor.replace(i, r);
            if (selected() != i) ruleList.getSelectionModel().select(i);
        } finally {
            updating = false;
        }
    }

    private static Rgb rgb(Color c) {
        return new Rgb((int) Math.round(c.getRed() * 255), (int) Math.round(c.getGreen() * 255),
                (int) Math.round(c.getBlue() * 255));
    }

    @FXML
    private void onAdd() {
        int i = editor.add(selected() + 1);
        ruleList.getSelectionModel().select(i);
        ruleList.scrollTo(i);
        nameField.requestFocus();
        nameField.selectAll();
    }

    @FXML
    private void onRemove() {
        int i = selected();
        editor.remove(i);
        if (!editor.rules().isEmpty()) ruleList.getSelectionModel().select(Math.min(i, editor.rules().size() - 1));
    }

    @FXML
    private void onMoveUp() { moveBy(-1); }

    @FXML
    private void onMoveDown() { moveBy(1); }

    private void moveBy(int delta) {
        int j = editor.move(selected(), delta);
        ruleList.getSelectionModel().select(j);
        ruleList.scrollTo(j);
    }

    @FXML
    private void onDefaults() {
        editor.setAll(ColouringRules.defaultRules());
        ruleList.getSelectionModel().select(0);
        importMessage.setText("");
    }

    /** Reads a Wireshark colorfilters file in the background and appends its rules. */
    @FXML
    private void onImport() {
        FileChooser c = new FileChooser();
        c.setTitle("Import Wireshark Colouring Rules (colorfilters)");
        File f = c.showOpenDialog(ruleList.getScene().getWindow());
        if (f != null) importFile(f);
    }

    void importFile(File f) {
        importMessage.setText("Reading " + f.getName() + "…");
        Background.run(() -> Files.readString(f.toPath()), text -> {
            int before = editor.rules().size();
            try {
                int n = editor.importText(text);
                long off = editor.rules().subList(before, before + n).stream().filter(r -> !r.enabled()).count();
                importMessage.setText("Imported " + n + " rule" + (n == 1 ? "" : "s")
                        + (off > 0 ? ", " + off + " disabled (see each one's note)" : "") + ".");
                if (n > 0) {
                    ruleList.getSelectionModel().select(before);
                    ruleList.scrollTo(before);
                }
            } catch (IllegalArgumentException e) {
                importMessage.setText("Not a colorfilters file: " + e.getMessage());
            }
        }, e -> importMessage.setText("Can't read " + f.getName() + ": " + e.getMessage()));
    }

    /** An enable box, the name in the rule's colours, the filter, and why it cannot be used if so. */
    private final class RuleCell extends ListCell<ColouringRule> {
        private final CheckBox enabled = new CheckBox();
        private final Label name = new Label();
        private final Label filter = new Label();
        private final HBox box = new HBox(8, enabled, name, filter);

        RuleCell() {
            name.getStyleClass().add("colouring-rule-name");
            name.setMnemonicParsing(false);
            filter.getStyleClass().add("colouring-rule-filter");
            filter.setMnemonicParsing(false);
            box.setAlignment(Pos.CENTER_LEFT);
            enabled.setOnAction(e -> {
                ColouringRule r = getItem();
                if (r != null) replace(getIndex(), r.withEnabled(enabled.isSelected()));
            });
        }

        @Override
        protected void updateItem(ColouringRule r, boolean empty) {
            super.updateItem(r, empty);
            if (empty || r == null) {
                setGraphic(null);
                return;
            }
            enabled.setSelected(r.enabled());
            name.setText(r.name());
            name.setStyle("-fx-background-color: " + r.background().hex() + "; -fx-text-fill: " + r.foreground().hex() + ";");
            String problem = ColouringRules.problem(r.filter());
            filter.setText(problem == null ? r.filter() : r.filter() + "   (never matches: " + problem + ")");
            filter.pseudoClassStateChanged(PROBLEM, problem != null);
            setGraphic(box);
        }
    }
}
