package tlslens.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tlslens.dissect.registry.FieldRegistry;
import tlslens.dissect.tls.names.AlertDescriptions;
import tlslens.dissect.tls.names.ContentTypes;
import tlslens.dissect.tls.names.ExtensionTypes;
import tlslens.dissect.tls.names.HandshakeTypes;

/** The notes cover every code the dissector names, each cites where it is defined, and every field key exists. */
class NotesTest {
    /** "RFC 8446 §4.2.11", "RFC 8446 Appendix D.4"; a draft or other specification only where there is no RFC. */
    private static final Pattern RFC_SECTION = Pattern.compile("RFC \\d{4} (§\\d+(\\.\\d+)*|Appendix [A-Z](\\.\\d+)*)");
    private static final Pattern OTHER_SECTION = Pattern.compile("(draft-[a-z0-9-]+|ETSI TS \\d+ \\d+-\\d+) §\\d+(\\.\\d+)*");

    private final Notes notes = Notes.get();

    @Test
    void everyHandshakeTypeHasANote() {
        assertCovered("handshake", HandshakeTypes.codes(), c -> notes.handshake(c));
    }

    @Test
    void everyExtensionTypeHasANote() {
        assertCovered("extension", ExtensionTypes.codes(), c -> notes.extension(c));
    }

    @Test
    void everyContentTypeAndAlertHasANote() {
        assertCovered("content type", ContentTypes.codes(), c -> notes.contentType(c));
        assertCovered("alert", AlertDescriptions.codes(), c -> notes.alert(c));
        assertNotNull(notes.topic(Notes.TLS13_CHANGE_CIPHER_SPEC));
        assertTrue(notes.topic(Notes.TLS13_CHANGE_CIPHER_SPEC).referenceText().contains("Appendix D.4"));
    }

    @Test
    void theLessonFieldsHaveNotes() {
        for (String f : List.of("tls.handshake.random", "tls.handshake.session_id", "tls.handshake.ciphersuite",
                "tls.handshake.comp_method", "tls.handshake.extensions_key_share_group",
                "tls.handshake.extensions.supported_version", "tls.handshake.extensions.psk.identity.identity",
                "tls.handshake.extensions.psk.identity.obfuscated_ticket_age", "tls.handshake.extensions.psk.binders",
                "tls.handshake.session_ticket_lifetime_hint", "tls.early_data.max_early_data_size",
                "tls.handshake.sig_hash_alg", "tls.handshake.verify_data", "tls.record.version", "tls.record.length",
                "tls.change_cipher_spec", "tls.alert_message.desc")) {
            assertNotNull(notes.field(f), f);
        }
    }

    @Test
    void everyNoteCitesASectionAndKeysAnExistingField() {
        List<String> bad = new ArrayList<>();
        int rfc = 0;
        for (Note n : notes.all()) {
            boolean cites = false;
            for (String r : n.references()) {
                if (RFC_SECTION.matcher(r).matches()) {
                    cites = true;
                    rfc++;
                    break;
                }
            }
            if (!cites && n.references().stream().noneMatch(r -> OTHER_SECTION.matcher(r).matches())) {
                bad.add(n.kind() + " " + n.key() + " cites " + n.references());
            }
            for (String r : n.references()) {
                if (!RFC_SECTION.matcher(r).matches() && !OTHER_SECTION.matcher(r).matches()) {
                    bad.add(n.kind() + " " + n.key() + ": reference not in the form \"RFC 8446 §4.1.2\": " + r);
                }
            }
            if (n.kind() == Note.Kind.FIELD && FieldRegistry.byName(n.key()) == null) {
                bad.add("field " + n.key() + " is not in the field registry");
            }
            int sentences = n.text().split("(?<=[.!?])\\s+(?=[A-Z(\"])").length;
            if (sentences > 4) bad.add(n.kind() + " " + n.key() + " has " + sentences + " sentences");
        }
        assertEquals(List.of(), bad);
        // Most notes stand on an RFC; drafts only for what never became one.
        assertTrue(rfc * 10 >= notes.all().size() * 8, rfc + " of " + notes.all().size() + " cite an RFC section");
    }

    @Test
    void aBrokenEntryIsRefusedWithItsLine() {
        var e = assertThrows(IllegalArgumentException.class, () -> Notes.parse("== handshake\nRFC 1 §1\nText."));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Notes.parse("== handshake 1\nRFC 8446 §4.1.2\n"));
        assertThrows(IllegalArgumentException.class,
                () -> Notes.parse("== handshake 1\nRFC 8446 §4\nA.\n== handshake 0x01\nRFC 8446 §4\nB."));
    }

    private static void assertCovered(String what, java.util.Set<Long> codes, java.util.function.IntFunction<Note> get) {
        List<String> missing = new ArrayList<>();
        for (long c : codes) if (get.apply((int) c) == null) missing.add(String.format("0x%04x", c));
        assertEquals(List.of(), missing, what + " codes without a note");
        assertTrue(codes.size() > 5, what);
    }
}
