package tlslens.dissect.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import tlslens.dissect.ExpertDef;
import tlslens.dissect.FieldDef;

/**
 * The registry cannot miss a field: every class of the main code that declares a static FieldDef or
 * ExpertDef is one of {@link FieldRegistry#HOLDERS}, and each of their fields and notes is found by
 * its filter name. The classes are found by walking the compiled main classes, so a new holder that
 * nobody listed fails here rather than making "-Y its.field" an unknown name.
 */
class FieldRegistryTest {

    /** Every class under tlslens/ in the directory FieldRegistry was compiled to (target/classes). */
    private static List<Class<?>> mainClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(FieldRegistry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(root.resolve("tlslens")), "compiled main classes expected in " + root);
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("tlslens"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                // Loaded without running initializers: declaring a field is what counts here.
                out.add(Class.forName(name, false, FieldRegistry.class.getClassLoader()));
            }
        }
        return out;
    }

    private static boolean declaresFields(Class<?> c) {
        for (Field f : c.getDeclaredFields()) if (isDeclaration(f)) return true;
        return false;
    }

    private static boolean isDeclaration(Field f) {
        return Modifier.isStatic(f.getModifiers())
                && (f.getType() == FieldDef.class || f.getType() == ExpertDef.class);
    }

    @Test
    void everyClassThatDeclaresFieldsIsAHolder() throws Exception {
        List<Class<?>> classes = mainClasses();
        assertTrue(classes.size() > 200, "found only " + classes.size() + " classes");
        Set<String> declaring = new TreeSet<>();
        for (Class<?> c : classes) if (declaresFields(c)) declaring.add(c.getName());
        Set<String> holders = new TreeSet<>();
        for (Class<?> h : FieldRegistry.HOLDERS) holders.add(h.getName());
        assertEquals(declaring, holders, "classes with static FieldDef/ExpertDef constants vs FieldRegistry.HOLDERS");
    }

    @Test
    void everyDeclaredFieldAndNoteIsFoundByItsName() throws Exception {
        int fields = 0, notes = 0;
        for (Class<?> h : FieldRegistry.HOLDERS) {
            for (Field f : h.getDeclaredFields()) {
                if (!isDeclaration(f)) continue;
                f.setAccessible(true);
                Object v = f.get(null);
                if (v instanceof ExpertDef e) {
                    // A note's name must not be taken by a field declared before it: then -Y would find that.
                    assertSame(e.field, FieldRegistry.byName(e.abbrev()), h.getSimpleName() + "." + f.getName());
                    notes++;
                } else {
                    FieldDef d = (FieldDef) v;
                    assertNotNull(FieldRegistry.byName(d.abbrev), h.getSimpleName() + "." + f.getName());
                    fields++;
                }
            }
        }
        assertTrue(fields > 500 && notes > 30, fields + " fields, " + notes + " notes");
    }

    @Test
    void theMalformedFieldAndItsNotesAreKnown() {
        for (String name : List.of("_ws.malformed", "_ws.malformed.expert", "_ws.expert", "_ws.expert.message",
                "_ws.expert.severity", "_ws.expert.group", "tls.malformed.vector_length", "tcp.analysis.lost_segment")) {
            assertNotNull(FieldRegistry.byName(name), name);
        }
        assertTrue(FieldRegistry.isKnownPrefix("tls.malformed"));
    }
}
