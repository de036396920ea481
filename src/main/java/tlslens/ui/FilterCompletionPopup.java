package tlslens.ui;

import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.text.Text;
import javafx.stage.Popup;
import tlslens.ui.model.FilterCompletion;
import tlslens.ui.model.FilterCompletion.Suggestions;

/**
 * The display-filter bar's completion popup (Wireshark's): as a name is typed, the field and
 * protocol names that begin with it, under the word. Up and Down move in the list, Tab or Enter
 * (or a click) takes the name, Escape closes it; the field keeps the keyboard throughout.
 */
final class FilterCompletionPopup {
    private static final int ROWS = 10;
    private static final double ROW_HEIGHT = 22;

    private final TextField field;
    private final Popup popup = new Popup();
    private final ListView<String> list = new ListView<>();
    private Suggestions shown = Suggestions.NONE;
    /** Set while the popup itself writes the field: that edit is not a request for more names. */
    private boolean accepting;

    private FilterCompletionPopup(TextField field) {
        this.field = field;
        list.setId("filterCompletion");
        list.getStyleClass().add("filter-completion");
        list.setFocusTraversable(false);
        list.setFixedCellSize(ROW_HEIGHT);
        list.setCellFactory(l -> {
            ListCell<String> c = new ListCell<>() {
                @Override protected void updateItem(String s, boolean empty) {
                    super.updateItem(s, empty);
                    setText(empty ? null : s);
                }
            };
            c.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && !c.isEmpty()) accept(c.getItem());
            });
            return c;
        });
        popup.getContent().add(list);
        popup.setAutoHide(true);
        popup.setHideOnEscape(true);
    }

    /** Completion for {@code field}: installed once, when the window is built. */
    static FilterCompletionPopup install(TextField field) {
        FilterCompletionPopup p = new FilterCompletionPopup(field);
        field.textProperty().addListener((o, a, b) -> {
            if (!p.accepting && field.isFocused()) Platform.runLater(p::refresh); // the caret moves after the text
        });
        field.focusedProperty().addListener((o, a, focused) -> {
            if (!focused) p.hide();
        });
        field.addEventFilter(KeyEvent.KEY_PRESSED, p::onKey);
        return p;
    }

    boolean isShowing() { return popup.isShowing(); }

    ListView<String> list() { return list; }

    private void onKey(KeyEvent e) {
        if (!popup.isShowing()) {
            if (e.getCode() == KeyCode.SPACE && e.isShortcutDown()) { // Ctrl+Space: ask for names
                refresh();
                e.consume();
            }
            return;
        }
        switch (e.getCode()) {
            case DOWN -> move(1);
            case UP -> move(-1);
            case PAGE_DOWN -> move(ROWS);
            case PAGE_UP -> move(-ROWS);
            case TAB, ENTER -> {
                String s = list.getSelectionModel().getSelectedItem();
                if (s == null) {
                    hide();
                    return; // Enter with nothing chosen applies the filter
                }
                accept(s);
            }
            case ESCAPE -> hide();
            default -> { return; }
        }
        e.consume();
    }

    private void move(int by) {
        int n = list.getItems().size();
        int i = list.getSelectionModel().getSelectedIndex();
        int next = i < 0 ? (by > 0 ? 0 : n - 1) : Math.max(0, Math.min(n - 1, i + by));
        list.getSelectionModel().select(next);
        list.scrollTo(Math.max(0, next - ROWS / 2));
    }

    private void accept(String name) {
        FilterCompletion.Edit edit = FilterCompletion.accept(field.getText(), shown, name);
        accepting = true;
        try {
            field.setText(edit.text());
            field.positionCaret(edit.caret());
        } finally {
            accepting = false;
        }
        hide();
    }

    private void hide() {
        popup.hide();
        shown = Suggestions.NONE;
    }

    /** The names for the word at the caret, under it; hidden when there are none. */
    private void refresh() {
        Suggestions s = FilterCompletion.at(field.getText(), field.getCaretPosition());
        if (s.isEmpty() || field.getScene() == null || !field.isFocused()) {
            hide();
            return;
        }
        shown = s;
        // A popup's scene is its own: the window's style sheets, for the list's looks.
        if (!list.getStylesheets().equals(field.getScene().getStylesheets())) {
            list.getStylesheets().setAll(field.getScene().getStylesheets());
        }
        list.getItems().setAll(s.names());
        list.getSelectionModel().clearSelection();
        list.setPrefHeight(Math.min(ROWS, s.names().size()) * ROW_HEIGHT + 4);
        list.setPrefWidth(Math.max(260, s.names().stream().mapToDouble(this::width).max().orElse(0) + 40));
        Bounds b = field.localToScreen(field.getBoundsInLocal());
        if (b == null) return;
        double x = b.getMinX() + field.getPadding().getLeft() + width(field.getText().substring(0, s.start()));
        if (!popup.isShowing()) popup.show(field, x, b.getMaxY());
        else {
            popup.setX(x);
            popup.setY(b.getMaxY());
        }
    }

    private double width(String s) {
        Text t = new Text(s);
        t.setFont(field.getFont());
        return t.getLayoutBounds().getWidth();
    }
}
