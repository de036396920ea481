package tlslens.dissect.registry;

import java.util.List;

import tlslens.dissect.ExpertFields;
import tlslens.dissect.FieldDef;
import tlslens.dissect.Fields;
import tlslens.dissect.FrameFields;
import tlslens.dissect.Malformed;
import tlslens.dissect.dtls.DtlsFields;
import tlslens.dissect.ip.IpFields;
import tlslens.dissect.quic.QuicFields;
import tlslens.dissect.udp.UdpFields;
import tlslens.dissect.link.LinkFields;
import tlslens.dissect.tcp.TcpExperts;
import tlslens.dissect.tcp.TcpFields;
import tlslens.dissect.tls.base.ExtensionFields;
import tlslens.dissect.tls.base.TlsExperts;
import tlslens.dissect.tls.base.TlsFields;
import tlslens.dissect.tls.names.SignatureAndHashFields;
import tlslens.dissect.x509.X509Experts;
import tlslens.dissect.x509.X509Fields;

/**
 * Every field and expert note the dissectors can emit, known before any packet is dissected: the
 * display filter, -e and -G fields look names up here. Like Wireshark's list of registration
 * routines, it names every class that declares fields; a test checks that no declaring class is
 * missing from {@link #HOLDERS}.
 *
 * <p>It sits above the dissectors it lists, so that the field framework ({@link Fields}) does not
 * depend on them.
 */
public final class FieldRegistry {
    /** The classes whose static FieldDef / ExpertDef constants make up the registry, in -G fields order. */
    static final List<Class<?>> HOLDERS = List.of(
            FrameFields.class,
            ExpertFields.class,
            Malformed.class,
            LinkFields.class,
            IpFields.class,
            UdpFields.class,
            TcpFields.class,
            TcpExperts.class,
            TlsFields.class,
            ExtensionFields.class,
            SignatureAndHashFields.class,
            TlsExperts.class,
            X509Fields.class,
            X509Experts.class,
            DtlsFields.class,
            QuicFields.class);

    private static volatile boolean loaded;

    private FieldRegistry() {}

    /** The field (or note) with this filter name, or null. */
    public static FieldDef byName(String abbrev) {
        ensureLoaded();
        return Fields.registered(abbrev);
    }

    /** Every field and note, in registration order. */
    public static List<FieldDef> all() {
        ensureLoaded();
        return Fields.registered();
    }

    /** True when some registered field is this name or starts with it and a dot (a protocol name like "tls"). */
    public static boolean isKnownPrefix(String name) {
        String prefix = name + ".";
        for (FieldDef f : all()) {
            if (f.abbrev.equals(name) || f.abbrev.startsWith(prefix)) return true;
        }
        return false;
    }

    private static void ensureLoaded() {
        if (loaded) return;
        synchronized (FieldRegistry.class) {
            if (loaded) return;
            // A class literal does not run the class's initializer; the constants register in it.
            for (Class<?> h : HOLDERS) {
                try {
                    Class.forName(h.getName(), true, h.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("field holder " + h.getName() + " vanished", e);
                }
            }
            loaded = true;
        }
    }
}
