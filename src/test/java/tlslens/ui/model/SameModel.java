package tlslens.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import tlslens.analysis.Connection;

/** Two connection models compared field by field (ForgottenDetailTest, IncrementalModelTest). */
final class SameModel {
    private SameModel() {}

    /** The same connections, field by field (but the facts kept to link them again). */
    static void assertSame(ConnectionsSnapshot expected, ConnectionsSnapshot actual, String where) {
        assertEquals(expected.connections().size(), actual.connections().size(), where);
        for (int i = 0; i < expected.connections().size(); i++) {
            Connection e = expected.connections().get(i), a = actual.connections().get(i);
            assertEquals(fields(e), fields(a), where + " " + e.label());
            assertEquals(expected.issue(e.key()), actual.issue(a.key()), where + " " + e.label());
        }
        assertEquals(expected.decryptionTally().toString(), actual.decryptionTally().toString(), where);
    }

    private static List<String> fields(Connection c) {
        List<String> out = new ArrayList<>();
        for (Field f : Connection.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.getName().equals("facts")) continue; // what linking reads, not a value shown
            f.setAccessible(true);
            try {
                Object v = f.get(c);
                if (v instanceof tlslens.dissect.tls.decrypt.DecryptionStatus d) v = d.state() + " " + d.describe();
                else if (v instanceof List<?> l) v = new ArrayList<>(l);
                else if (v instanceof java.util.Map<?, ?> m) v = new java.util.LinkedHashMap<>(m);
                out.add(f.getName() + "=" + Objects.toString(v));
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }
}
