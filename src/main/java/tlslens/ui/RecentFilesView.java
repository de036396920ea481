package tlslens.ui;

import java.nio.file.Path;
import java.util.function.Consumer;

import javafx.collections.ListChangeListener;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import tlslens.ui.model.RecentFiles;

/** The recent files, twice: File &gt; Open Recent and the welcome pane's list; both open the file. */
final class RecentFilesView {
    private final RecentFiles recent;
    private final Menu menu;
    private final VBox welcomeList;
    private final Consumer<Path> open;

    private RecentFilesView(RecentFiles recent, Menu menu, VBox welcomeList, Consumer<Path> open) {
        this.recent = recent;
        this.menu = menu;
        this.welcomeList = welcomeList;
        this.open = open;
    }

    static void bind(RecentFiles recent, Menu menu, VBox welcomeList, Consumer<Path> open) {
        RecentFilesView v = new RecentFilesView(recent, menu, welcomeList, open);
        recent.files().addListener((ListChangeListener<String>) c -> v.refresh());
        v.refresh();
    }

    private void refresh() {
        menu.getItems().clear();
        welcomeList.getChildren().clear();
        for (String f : recent.files()) {
            MenuItem mi = new MenuItem(f);
            mi.setMnemonicParsing(false);
            mi.setOnAction(e -> open.accept(Path.of(f)));
            menu.getItems().add(mi);
            Hyperlink h = new Hyperlink(Path.of(f).getFileName() + "   " + f);
            h.setMnemonicParsing(false);
            // A long path is cut in a narrow window; the tooltip keeps it whole.
            h.setTooltip(new Tooltip(h.getText()));
            h.setGraphic(Icons.icon("recent"));
            h.getStyleClass().add("recent-link");
            h.setOnAction(e -> open.accept(Path.of(f)));
            welcomeList.getChildren().add(h);
        }
        if (recent.files().isEmpty()) {
            MenuItem none = new MenuItem("(none)");
            none.setDisable(true);
            menu.getItems().add(none);
            Label l = new Label("No recent files yet.");
            l.getStyleClass().add("welcome-hint");
            welcomeList.getChildren().add(l);
        } else {
            menu.getItems().add(new SeparatorMenuItem());
            MenuItem clear = new MenuItem("Clear Recent Files");
            clear.setOnAction(e -> recent.clear());
            menu.getItems().add(clear);
        }
    }
}
