package tlslens.dissect;

/** The "_ws.malformed" field that marks a part of a packet we could not decode. */
public final class Malformed {
    public static final FieldDef FIELD = Fields.label("_ws.malformed", "Malformed Packet");

    private Malformed() {}
}
