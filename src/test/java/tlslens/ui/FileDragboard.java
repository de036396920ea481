package tlslens.ui;

import java.io.File;
import java.util.List;
import java.util.Map;

import javafx.scene.input.DataFormat;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;

/**
 * A drag from outside the application, for window tests: an OS drag cannot be made under Xvfb,
 * so tests fire the drop's events with this dragboard.
 */
final class FileDragboard {
    private FileDragboard() {}

    /** A dragboard holding {@code files}, as a file manager offers them. */
    static Dragboard of(List<File> files) {
        // JavaFX has no public Dragboard constructor: wrap a toolkit clipboard that offers COPY, as a file manager does.
        Dragboard db = com.sun.javafx.scene.input.DragboardHelper.createDragboard(new DropClipboard());
        db.setContent(Map.of(DataFormat.FILES, files));
        return db;
    }

    /** The toolkit side of a drag from outside the application: content plus the offered transfer modes. */
    private static final class DropClipboard implements com.sun.javafx.tk.TKClipboard {
        private final Map<DataFormat, Object> content = new java.util.HashMap<>();

        @Override public void setSecurityContext(java.security.AccessControlContext c) { }

        @Override public java.util.Set<DataFormat> getContentTypes() { return content.keySet(); }

        @SafeVarargs
        @Override public final boolean putContent(javafx.util.Pair<DataFormat, Object>... pairs) {
            content.clear();
            for (var p : pairs) content.put(p.getKey(), p.getValue());
            return true;
        }

        @Override public Object getContent(DataFormat f) { return content.get(f); }

        @Override public boolean hasContent(DataFormat f) { return content.containsKey(f); }

        @Override public java.util.Set<TransferMode> getTransferModes() { return java.util.EnumSet.of(TransferMode.COPY); }

        @Override public void setDragView(javafx.scene.image.Image image) { }

        @Override public void setDragViewOffsetX(double x) { }

        @Override public void setDragViewOffsetY(double y) { }

        @Override public javafx.scene.image.Image getDragView() { return null; }

        @Override public double getDragViewOffsetX() { return 0; }

        @Override public double getDragViewOffsetY() { return 0; }
    }
}
