package tlslens.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javafx.scene.Node;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.FillRule;
import javafx.scene.shape.SVGPath;

/**
 * The toolbar's icons: one 16x16 SVG path per file in icons/ (packaged as /icons/NAME.svg),
 * drawn as an {@link SVGPath} so CSS gives it its colour (style class "icon-NAME").
 */
public final class Icons {
    private static final Pattern D = Pattern.compile("\\bd=\"([^\"]+)\"");
    private static final Map<String, String> PATHS = new ConcurrentHashMap<>();

    private Icons() {}

    public static Node icon(String name) {
        SVGPath p = new SVGPath();
        p.setContent(path(name));
        p.setFillRule(FillRule.EVEN_ODD);
        p.getStyleClass().add("icon-shape");
        StackPane box = new StackPane(p);
        box.getStyleClass().addAll("icon", "icon-" + name);
        box.setMinSize(16, 16);
        box.setPrefSize(16, 16);
        box.setMaxSize(16, 16);
        return box;
    }

    /** A toolbar button: its icon, its tooltip, and no focus taken from the table. */
    static void toolButton(javafx.scene.control.Button b, String name, String tip) {
        b.setGraphic(icon(name));
        b.setTooltip(new javafx.scene.control.Tooltip(tip));
        b.setFocusTraversable(false);
    }

    static String path(String name) {
        return PATHS.computeIfAbsent(name, n -> {
            try (InputStream in = Icons.class.getResourceAsStream("/icons/" + n + ".svg")) {
                if (in == null) return "M0 0h16v16H0z";
                Matcher m = D.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                return m.find() ? m.group(1) : "M0 0h16v16H0z";
            } catch (IOException e) {
                return "M0 0h16v16H0z";
            }
        });
    }
}
