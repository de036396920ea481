package tlslens.ui.follow;

import java.util.function.LongConsumer;

import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The Follow TLS Stream window (fxml/follow_stream.fxml): binds a {@link FollowStreamModel}. */
public final class FollowStreamController {
    @FXML private BorderPane root;
    @FXML private Label statusLabel;
    @FXML private Label summaryLabel;
    @FXML private ListView<FollowStreamModel.Block> blockList;
    private FollowStreamModel model;
    private LongConsumer onGoToFrame;

    @FXML
    private void initialize() {
        blockList.setCellFactory(l -> new BlockCell());
        blockList.setOnMouseClicked(e -> {
            FollowStreamModel.Block b = blockList.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && b != null && onGoToFrame != null) onGoToFrame.accept(b.frame());
        });
    }

    /** Shows a model (built in the background). */
    public void show(FollowStreamModel m) {
        this.model = m;
        statusLabel.setText(m.status());
        statusLabel.getStyleClass().removeAll("follow-decrypted", "follow-not-decrypted");
        statusLabel.getStyleClass().add(m.isDecrypted() ? "follow-decrypted" : "follow-not-decrypted");
        summaryLabel.setText(m.summary());
        blockList.getItems().setAll(m.blocks());
        blockList.setPlaceholder(new Label(m.blocks().isEmpty() ? m.status() : ""));
    }

    /** Double-clicking a block selects its first packet in the main window. */
    public void setOnGoToFrame(LongConsumer handler) { this.onGoToFrame = handler; }

    public FollowStreamModel model() { return model; }

    public ListView<FollowStreamModel.Block> blockList() { return blockList; }

    public Label statusLabel() { return statusLabel; }

    @FXML
    private void onClose() { ((Stage) root.getScene().getWindow()).close(); }

    /** One block: its text in the side's colours (CSS classes follow-client / follow-server). */
    private static final class BlockCell extends ListCell<FollowStreamModel.Block> {
        BlockCell() { getStyleClass().add("follow-block"); }

        @Override protected void updateItem(FollowStreamModel.Block b, boolean empty) {
            super.updateItem(b, empty);
            getStyleClass().removeAll(FollowStreamModel.Side.CLIENT.styleClass, FollowStreamModel.Side.SERVER.styleClass);
            if (empty || b == null) {
                setText(null);
                return;
            }
            getStyleClass().add(b.side().styleClass);
            String t = b.text().replace("\r\n", "\n");
            if (t.endsWith("\n")) t = t.substring(0, t.length() - 1);
            setText(t);
        }
    }
}
