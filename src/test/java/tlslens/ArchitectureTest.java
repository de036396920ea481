package tlslens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The engine layers never touch JavaFX, so they run headless and the GUI can't stall them. */
class ArchitectureTest {
    private static final List<String> HEADLESS = List.of("capture", "dissect", "flow", "analysis");

    @Test
    void engineLayersDoNotImportJavafx() throws IOException {
        List<String> offenders = new ArrayList<>();
        int files = 0;
        for (String pkg : HEADLESS) {
            Path dir = Path.of("src/main/java/tlslens", pkg);
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".java"))::iterator) {
                    files++;
                    for (String line : Files.readAllLines(p)) {
                        String t = line.trim();
                        if (t.startsWith("import javafx") || t.startsWith("import static javafx") || t.contains("javafx.")) {
                            offenders.add(p + ": " + t);
                        }
                    }
                }
            }
        }
        assertTrue(files > 10, "expected the engine sources under src/main/java/tlslens, found " + files);
        assertEquals(List.of(), offenders);
    }
}
