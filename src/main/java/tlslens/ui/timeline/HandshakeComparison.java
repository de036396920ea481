package tlslens.ui.timeline;

import java.util.function.LongConsumer;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;
import javafx.scene.image.WritableImage;
import tlslens.ui.model.ComparisonModel;

/**
 * Two handshakes side by side, aligned message by message, each row marked same / skipped / only
 * here, with the totals of both and what the second saved. Drawn by {@link HandshakeComparisonSkin}
 * from a {@link ComparisonModel}; styled by timeline.css (.handshake-comparison, .comparison-mark.same, ...).
 */
public final class HandshakeComparison extends Control {
    private final ObjectProperty<ComparisonModel> model = new SimpleObjectProperty<>(this, "model");
    private final ObjectProperty<LongConsumer> onFrameClicked = new SimpleObjectProperty<>(this, "onFrameClicked");

    public HandshakeComparison() {
        getStyleClass().add("handshake-comparison");
    }

    @Override
    protected Skin<?> createDefaultSkin() { return new HandshakeComparisonSkin(this); }

    @Override
    public String getUserAgentStylesheet() { return HandshakeLadder.stylesheet(); }

    public ObjectProperty<ComparisonModel> modelProperty() { return model; }

    public ComparisonModel getModel() { return model.get(); }

    public void setModel(ComparisonModel m) { model.set(m); }

    /** Called with the frame of a clicked arrow. */
    public ObjectProperty<LongConsumer> onFrameClickedProperty() { return onFrameClicked; }

    public void setOnFrameClicked(LongConsumer c) { onFrameClicked.set(c); }

    /** The whole comparison as an image. */
    public WritableImage snapshotDiagram() {
        return getSkin() instanceof HandshakeComparisonSkin s ? s.snapshotContent() : null;
    }
}
