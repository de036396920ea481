package tlslens.dissect.tls.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The code constants of a registry and its name table are one declaration: every constant names
 * a code the table has, no two constants share a code, and the constant's identifier is the
 * table's name in upper case (spelling differences listed), so a constant cannot drift from its name.
 */
class CodeConstantsTest {
    /** Identifiers that differ from the table's spelling on purpose. */
    private static final Map<String, String> SPELLING = Map.ofEntries(
            Map.entry("HandshakeTypes.CERTIFICATE_URL", "Client Certificate URL"),
            Map.entry("HandshakeTypes.NPN_ENCRYPTED_EXTENSIONS", "Encrypted Extensions"),
            Map.entry("ContentTypes.TLS12_CID", "Connection ID"),
            Map.entry("ExtensionTypes.KEY_SHARE_OLD", "Reserved (key_share)"),
            Map.entry("ExtensionTypes.TICKET_EARLY_DATA_INFO", "Reserved (ticket_early_data_info)"),
            Map.entry("ExtensionTypes.CONNECTION_ID_DEPRECATED", "connection_id (deprecated)"),
            Map.entry("ExtensionTypes.QUIC_TRANSPORT_PARAMETERS_DRAFT", "quic_transport_parameters (drafts version)"),
            Map.entry("ExtensionTypes.APPLICATION_SETTINGS_NEW", "application_settings"),
            Map.entry("ExtensionTypes.TLMSP_PROXYING", "TLMSP_proxying"),
            Map.entry("ExtensionTypes.TLMSP_DELEGATE", "TLMSP_delegate"));

    @ParameterizedTest
    @ValueSource(classes = {HandshakeTypes.class, ContentTypes.class, ExtensionTypes.class, Ssl2MessageTypes.class})
    void everyConstantIsTheCodeOfItsName(Class<?> registry) throws Exception {
        NameTable table = (NameTable) registry.getDeclaredField("TABLE").get(null);
        Map<Integer, String> seen = new HashMap<>();
        int constants = 0;
        for (Field f : registry.getFields()) {
            if (f.getType() != int.class || !Modifier.isStatic(f.getModifiers())) continue;
            String id = registry.getSimpleName() + "." + f.getName();
            int code = f.getInt(null);
            String name = table.name(code);
            assertNotNull(name, id + " = " + code + " is not in the table");
            String previous = seen.put(code, f.getName());
            assertEquals(null, previous, id + " repeats the code of " + previous);
            if (SPELLING.containsKey(id)) assertEquals(SPELLING.get(id), name, id);
            else assertEquals(identifierOf(name), f.getName(), id);
            constants++;
        }
        assertTrue(constants >= 8, registry.getSimpleName() + " declares its codes");
    }

    /** "Server Hello Done" -> SERVER_HELLO_DONE, "application_layer_protocol_negotiation" -> upper case. */
    private static String identifierOf(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_|_$", "");
    }
}
