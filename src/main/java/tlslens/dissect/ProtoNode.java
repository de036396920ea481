package tlslens.dissect;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * One item of the protocol tree: a field (or plain text), its value, and the byte range it covers
 * in one {@link DataSource}. Built for a frame when asked for; not kept for every frame.
 */
public final class ProtoNode {
    /** Null for text-only items (Wireshark's proto_tree_add_text-style subtrees). */
    public final FieldDef field;
    private Object value;
    private String text;
    public final int source;
    public final int offset;
    private int length;
    private boolean generated;
    private boolean hidden;
    /**
     * Children as a list threaded through the nodes (first, last, each one's next): a tree grows by
     * links, never by copying arrays (a million-frame run spent a seventh of its time growing child lists).
     */
    private ProtoNode firstChild;
    private ProtoNode lastChild;
    private ProtoNode nextSibling;
    private int childCount;
    private List<Expert> experts;
    private ProtoNode parent;

    public ProtoNode(FieldDef field, Object value, String text, int source, int offset, int length) {
        this.field = field;
        this.value = value;
        this.text = text;
        this.source = source;
        this.offset = offset;
        this.length = Math.max(0, length);
    }

    /** A root that holds the top-level protocol nodes of a frame. */
    public static ProtoNode root() { return new ProtoNode(null, null, "", 0, 0, 0); }

    // ---- building -------------------------------------------------------------------------

    /**
     * Adds a field read from the buffer, like proto_tree_add_item: integers (big-endian) of the
     * field's width, bytes, strings, addresses. When the range runs past the view, the node is
     * clamped to what is there and marked malformed.
     */
    public ProtoNode add(FieldDef f, Tvb tvb, int off, int len) {
        int avail = tvb.available(off, len);
        Object v;
        if (leavesOut(f)) {
            if (avail < len) standIn().expert(Malformed.EXCEPTION.note("Field " + f.abbrev + " extends past the end of the data ("
                    + len + " bytes wanted, " + Math.max(0, avail) + " present)"));
            return standIn();
        }
        if (avail < len) {
            v = FieldFormat.read(f, tvb, off, avail, true);
            ProtoNode n = child(new ProtoNode(f, v, null, tvb.source, off, Math.max(0, avail)));
            n.expert(Malformed.EXCEPTION.note("Field " + f.abbrev + " extends past the end of the data (" + len
                    + " bytes wanted, " + Math.max(0, avail) + " present)"));
            return n;
        }
        v = FieldFormat.read(f, tvb, off, len, false);
        return child(new ProtoNode(f, v, null, tvb.source, off, len));
    }

    /** Adds a field with a value computed by the caller, covering [off, off+len) of tvb's source. */
    public ProtoNode addValue(FieldDef f, Tvb tvb, int off, int len, Object value) {
        if (leavesOut(f)) return standIn();
        int avail = Math.max(0, tvb.available(off, len));
        return child(new ProtoNode(f, value, null, tvb.source, off, Math.min(len, avail)));
    }

    /** Adds a field with a value and explicit text (Wireshark's proto_tree_add_*_format). */
    public ProtoNode addValue(FieldDef f, Tvb tvb, int off, int len, Object value, String text) {
        if (leavesOut(f)) return standIn();
        int avail = Math.max(0, tvb.available(off, len));
        return child(new ProtoNode(f, value, text, tvb.source, off, Math.min(len, avail)));
    }

    /** Adds a text-only subtree item (a label with no field, e.g. "Cipher Suites (17 suites)"). */
    public ProtoNode addText(String text, Tvb tvb, int off, int len) {
        if (kept != null) return standIn();
        int avail = Math.max(0, tvb.available(off, len));
        return child(new ProtoNode(null, null, text, tvb.source, off, Math.min(len, avail)));
    }

    /** Adds a text-only subtree item whose label is made when read. */
    public ProtoNode addText(java.util.function.Supplier<String> text, Tvb tvb, int off, int len) {
        if (kept != null) return standIn();
        int avail = Math.max(0, tvb.available(off, len));
        return child(new ProtoNode(null, null, null, tvb.source, off, Math.min(len, avail))).setText(text);
    }

    /** Adds a field whose value is derived, shown in brackets like Wireshark's generated items. */
    public ProtoNode addGenerated(FieldDef f, Object value) {
        if (leavesOut(f)) return standIn();
        ProtoNode n = child(new ProtoNode(f, value, null, source, offset, 0));
        n.generated = true;
        return n;
    }

    public ProtoNode addGenerated(FieldDef f, Object value, String text) {
        if (leavesOut(f)) return standIn();
        ProtoNode n = child(new ProtoNode(f, value, text, source, offset, 0));
        n.generated = true;
        return n;
    }

    /** Adds a zero-length generated item at this node's place, e.g. "[SEQ/ACK analysis]". */
    public ProtoNode addNote(FieldDef f, String text) {
        if (leavesOut(f)) return standIn();
        ProtoNode n = child(new ProtoNode(f, null, text, source, offset, 0));
        n.generated = true;
        return n;
    }

    /**
     * A copy of this subtree with each field replaced by {@code rename}'s (labels, values, offsets,
     * notes kept): DTLS shows the TLS message bodies under its own field names, as Wireshark does.
     * A field {@code rename} maps to null is left out with its subtree (null when this node is).
     */
    public ProtoNode copyAs(java.util.function.UnaryOperator<FieldDef> rename) {
        FieldDef f = field == null ? null : rename.apply(field);
        if (field != null && f == null) return null;
        ProtoNode n = new ProtoNode(f, value, text, source, offset, length);
        n.lazyText = lazyText;
        n.generated = generated;
        n.hidden = hidden;
        n.expertsFirst = expertsFirst;
        n.summaryOnly = summaryOnly;
        for (Expert e : experts()) n.expert(e);
        for (ProtoNode c : children()) {
            ProtoNode copy = c.copyAs(rename);
            if (copy != null) n.child(copy);
        }
        return n;
    }

    public ProtoNode child(ProtoNode n) {
        if (standsIn) return parent.child(n); // a sparse tree's stand-in: its items go to the node it stands in for
        n.parent = this;
        n.kept = kept;
        n.summaryOnly = summaryOnly;
        n.lean = lean;
        if (lastChild == null) firstChild = n;
        else lastChild.nextSibling = n;
        lastChild = n;
        childCount++;
        if (n.malformedBelow) markMalformed();
        return n;
    }

    public ProtoNode expert(Expert e) {
        if (standsIn) {
            parent.expert(e); // a note of an item left out stays in the frame (its malformed flag, its count)
            return this;
        }
        if (experts == null) experts = new ArrayList<>(1);
        experts.add(e);
        if ("Malformed".equals(e.group())) markMalformed();
        return this;
    }

    /** Set on a node and its ancestors when a malformed note is under it: the frame's flag, without a walk. */
    private boolean malformedBelow;

    private void markMalformed() {
        for (ProtoNode n = this; n != null && !n.malformedBelow; n = n.parent) n.malformedBelow = true;
    }

    /** True when this node or one below it carries a Malformed expert note. */
    public boolean hasMalformed() { return malformedBelow; }

    /** Adds a "[Malformed ...]" child with an expert note; the standard way to report bad input. */
    public ProtoNode malformed(Tvb tvb, int off, int len, String message) {
        ProtoNode n = child(new ProtoNode(Malformed.FIELD, null, "[Malformed Packet: " + message + "]",
                tvb.source, off, Math.max(0, Math.min(len, tvb.available(off, len)))));
        n.expert(Malformed.EXCEPTION.note(message));
        return n;
    }

    /**
     * Adds an item that is an expert note, labelled by its message (Wireshark's
     * proto_tree_add_expert_format), clamped to the data that is there.
     */
    public ProtoNode addExpert(ExpertDef e, Tvb tvb, int off, int len, String message) {
        int avail = Math.max(0, tvb.available(off, len));
        ProtoNode n = child(new ProtoNode(e.field, null, message, tvb.source, off, Math.min(len, avail)));
        n.expert(e.note(message));
        return n;
    }

    public ProtoNode setText(String t) {
        this.text = t;
        this.lazyText = null;
        return this;
    }

    /**
     * A label made only if someone reads it: a file's first pass builds every frame's tree and
     * reads few labels, so labels that need formatting are better left to the tree that is shown.
     */
    public ProtoNode setText(java.util.function.Supplier<String> t) {
        this.text = null;
        this.lazyText = t;
        return this;
    }

    private java.util.function.Supplier<String> lazyText;

    /**
     * In a sparse tree (see {@link #keepOnly}), the fields kept: a {@link FieldIndex} of their names (a
     * number of at least 0: kept); inherited by children. Null in a whole tree.
     */
    private FieldIndex kept;
    /** True for a sparse tree's stand-in (its parent is the node it stands in for). */
    private boolean standsIn;
    /** This node's stand-in, made when a first item under it is left out. */
    private ProtoNode standIn;

    /**
     * Makes this tree sparse, as Wireshark's trees of "interesting fields" (for a reader that names the
     * fields it reads: -T fields, a display filter, custom columns): an item whose field {@code kept}
     * does not number is not made (no node, no value read), nor is a text-only item; protocol items
     * always are (frame.protocols is made from them). What is added under an item left out goes to
     * the nearest item kept above it, so the items kept stay in tree order; its expert notes too (the
     * frame's malformed flag). Adding returns a shared stand-in for an item left out: setting its
     * value or label does nothing, and it reads as an item without value or children. Set on a root
     * before anything is added; for lean trees only (the X.509 dissector reads its items back).
     */
    public ProtoNode keepOnly(FieldIndex fields) {
        this.kept = fields;
        return this;
    }

    /**
     * Whether an item of field {@code f} added here is made (always, but in a sparse tree): a caller
     * whose value costs to compute can skip it for an item left out.
     */
    public boolean keeps(FieldDef f) { return !leavesOut(f); }

    /**
     * Whether an item of some field of {@code protocol} (tcp: tcp.srcport, tcp.analysis.*) added here
     * may be made: false only in a sparse tree that keeps none of them, whose dissector can then skip
     * them all (items that can't be left out for their notes, such as a truncated one, it adds anyway).
     */
    public boolean keepsAnyOf(FieldDef protocol) { return kept == null || kept.anyOf(protocol); }

    /** Whether a sparse tree leaves out an item of field {@code f} (null: a text-only item). */
    private boolean leavesOut(FieldDef f) {
        return kept != null && (f == null || (f.type != FieldType.PROTOCOL && kept.of(f) < 0));
    }

    private ProtoNode standIn() {
        if (standsIn) return this;
        if (standIn == null) {
            ProtoNode g = new ProtoNode(null, null, "", source, offset, 0);
            g.standsIn = true;
            g.parent = this;
            g.kept = kept;
            g.summaryOnly = summaryOnly;
            g.lean = lean;
            standIn = g;
        }
        return standIn;
    }

    /** Set on a tree built only for its columns and state (see Engine.detail): inherited by children. */
    private boolean summaryOnly;

    public ProtoNode summaryOnly(boolean b) { this.summaryOnly = b; return this; }

    /**
     * True in a tree that nobody will read (a file's first pass without a display filter): items that
     * only describe bytes (option subtrees, flag bits, checksum status) can be left out of it.
     */
    public boolean summaryOnly() { return summaryOnly; }

    /** Set on a tree whose reader names the fields it reads (see Engine.lean): inherited by children. */
    private boolean lean;

    public ProtoNode lean(boolean b) { this.lean = b; return this; }

    /**
     * True in a tree whose reader wants none of the costly items no core field needs: certificates
     * stay bytes (no X.509 subtree) and hellos get no JA3/JA3S/JA4 fingerprints.
     */
    public boolean lean() { return lean; }

    /** Appends to the label, e.g. ", Length: 512" after the children are known. */
    public ProtoNode appendText(String t) { this.text = text() + t; return this; }

    public ProtoNode setValue(Object v) {
        if (!standsIn) this.value = v; // a stand-in is shared: it holds no value
        return this;
    }

    public ProtoNode setLength(int len) { this.length = Math.max(0, len); return this; }

    public ProtoNode setGenerated(boolean g) { this.generated = g; return this; }

    private boolean expertsFirst;

    /**
     * Whether this item's expert notes come before its children, as where Wireshark adds the note
     * first (TCP's "[TCP Analysis Flags]", then the RTO items). Printers list notes after children otherwise.
     */
    public ProtoNode expertsFirst(boolean b) { this.expertsFirst = b; return this; }

    public boolean expertsFirst() { return expertsFirst; }

    /** Hidden nodes are filterable and printed by -T fields, but not shown in the tree. */
    public ProtoNode setHidden(boolean h) { this.hidden = h; return this; }

    // ---- reading --------------------------------------------------------------------------

    public Object value() { return value; }

    public int length() { return length; }

    public boolean generated() { return generated; }

    public boolean hidden() { return hidden; }

    public ProtoNode parent() { return parent; }

    /** The children in order: a read-only view (iterate it, or {@link #firstChild()} and {@link #nextSibling()}). */
    public List<ProtoNode> children() { return firstChild == null ? Collections.emptyList() : new Children(this); }

    /** The first child, or null. */
    public ProtoNode firstChild() { return firstChild; }

    /** The next child of this node's parent, or null. */
    public ProtoNode nextSibling() { return nextSibling; }

    /** A read-only view of a node's children; get(i) continues from the last index asked, so an indexed loop is linear. */
    private static final class Children extends AbstractList<ProtoNode> {
        private final ProtoNode owner;
        private ProtoNode at;
        private int atIndex = -1;

        Children(ProtoNode owner) { this.owner = owner; }

        @Override public int size() { return owner.childCount; }

        @Override public ProtoNode get(int i) {
            if (i < 0 || i >= owner.childCount) throw new IndexOutOfBoundsException(i);
            if (i == owner.childCount - 1) return owner.lastChild;
            if (at == null || i < atIndex) {
                at = owner.firstChild;
                atIndex = 0;
            }
            while (atIndex < i) {
                at = at.nextSibling;
                atIndex++;
            }
            return at;
        }

        @Override public Iterator<ProtoNode> iterator() {
            return new Iterator<>() {
                private ProtoNode next = owner.firstChild;

                @Override public boolean hasNext() { return next != null; }

                @Override public ProtoNode next() {
                    if (next == null) throw new NoSuchElementException();
                    ProtoNode n = next;
                    next = n.nextSibling;
                    return n;
                }
            };
        }
    }

    public List<Expert> experts() { return experts == null ? Collections.emptyList() : experts; }

    /** The explicit label, made now if it was left for later (null: the field's own "Name: value"). */
    private String explicit() {
        if (text == null && lazyText != null) {
            text = lazyText.get();
            lazyText = null;
        }
        return text;
    }

    /** The label shown in the tree: explicit text, or "Name: value" from the field definition. */
    public String text() {
        if (explicit() != null) {
            if (!generated || text.startsWith("[")) return cut(text);
            return cut("[" + text) + "]";
        }
        String t = FieldFormat.label(this);
        if (t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_LABEL && field != null && t.startsWith(field.name + ": ")) {
            // Wireshark marks a field label it had to shorten right after the field's name.
            t = field.name + " [truncated]" + t.substring(field.name.length());
        }
        return generated ? cut("[" + t) + "]" : cut(t);
    }

    /** Wireshark's labels live in 240-byte buffers: at most 239 bytes of UTF-8 are shown. */
    public static final int MAX_LABEL = 239;

    private static String cut(String t) {
        if (t.length() <= MAX_LABEL / 3) return t;
        int bytes = 0;
        for (int i = 0; i < t.length(); ) {
            int cp = t.codePointAt(i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > MAX_LABEL) return t.substring(0, i);
            bytes += n;
            i += Character.charCount(cp);
        }
        return t;
    }

    /** The label without Wireshark's length limit, for a user who wants all of it. */
    public String fullText() {
        String t = explicit() != null ? text : FieldFormat.label(this);
        return generated && !t.startsWith("[") ? "[" + t + "]" : t;
    }

    /** "Name: value" as the field itself labels it, whatever explicit text the node has. */
    public String fieldLabel() { return FieldFormat.label(this); }

    public boolean hasExplicitText() { return explicit() != null; }

    /** Depth-first visit of this node and its descendants. */
    public void walk(Consumer<ProtoNode> visitor) {
        visitor.accept(this);
        for (ProtoNode c = firstChild; c != null; c = c.nextSibling) c.walk(visitor);
    }

    /** All descendants (and this) whose field has the given filter name, in tree order. */
    public List<ProtoNode> find(String abbrev) {
        List<ProtoNode> out = new ArrayList<>();
        walk(n -> { if (n.field != null && n.field.abbrev.equals(abbrev)) out.add(n); });
        return out;
    }

    public ProtoNode first(String abbrev) {
        List<ProtoNode> l = find(abbrev);
        return l.isEmpty() ? null : l.get(0);
    }

    @Override public String toString() { return text(); }
}
