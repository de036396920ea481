package tlslens.dissect;

/**
 * One kind of expert note, declared once like a field (Wireshark's ei_register_info): its filter
 * name, group, severity and summary. The declaration registers a field of the same name, so that
 * {@code -Y tls.malformed.vector_length} finds every frame carrying the note and {@code -G fields}
 * lists it, as tshark does.
 *
 * <p>Declare notes as static constants through {@link Fields#expert}; make notes with {@link #note}.
 */
public final class ExpertDef {
    /** The registered field: FT_NONE, named by the summary (tshark's -G fields line of an ei entry). */
    public final FieldDef field;
    public final ExpertGroup group;
    public final Severity severity;

    ExpertDef(FieldDef field, ExpertGroup group, Severity severity) {
        this.field = field;
        this.group = group;
        this.severity = severity;
    }

    /** The filter name, e.g. "tls.malformed.vector_length". */
    public String abbrev() { return field.abbrev; }

    /** The summary, the message of a note that has no text of its own. */
    public String summary() { return field.name; }

    /** A note of this kind with its own text (expert_add_info_format). */
    public Expert note(String message) { return new Expert(this, message); }

    /** A note of this kind worded by its summary (expert_add_info). */
    public Expert note() { return new Expert(this, field.name); }

    @Override public String toString() { return field.abbrev; }
}
