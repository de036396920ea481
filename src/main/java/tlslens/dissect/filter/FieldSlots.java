package tlslens.dissect.filter;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tlslens.dissect.DataSource;
import tlslens.dissect.Expert;
import tlslens.dissect.ExpertFields;
import tlslens.dissect.FieldDef;
import tlslens.dissect.ProtoNode;

/**
 * The fields compiled filters refer to, each with its slot, and the one walk over a frame's tree that
 * gathers their items: what {@link DisplayFilter} and {@link FirstMatch} evaluate their conditions on.
 */
final class FieldSlots {
    /** Field name -> slot; a HashMap because it is looked up for every node of every frame. */
    private final Map<String, Integer> slots = new HashMap<>();
    private final Set<String> fields;

    FieldSlots(Map<String, Integer> compiled) {
        // Interned keys: FieldDef.abbrev strings are literals, so a hit compares by identity.
        compiled.forEach((k, v) -> slots.put(k.intern(), v));
        this.fields = Collections.unmodifiableSet(new LinkedHashSet<>(compiled.keySet()));
    }

    /** The names of the fields and protocols referred to (what the engine must build). */
    Set<String> fields() { return fields; }

    /** The items of every referred field in the tree under {@code root}. */
    FrameValues collect(ProtoNode root, List<DataSource> sources) {
        FrameValues fv = new FrameValues(slots.size(), sources);
        if (!slots.isEmpty()) collect(root, fv);
        return fv;
    }

    private void collect(ProtoNode n, FrameValues fv) {
        if (n.field != null) {
            Integer slot = slots.get(n.field.abbrev);
            if (slot != null) fv.add(slot, n);
        }
        List<Expert> experts = n.experts();
        for (int i = 0, size = experts.size(); i < size; i++) collect(n, experts.get(i), fv);
        for (ProtoNode c = n.firstChild(); c != null; c = c.nextSibling()) collect(c, fv);
    }

    /**
     * A note stands for the items tshark puts under its "_ws.expert" subtree: the note's own field
     * (tls.malformed.vector_length), its message, severity and group.
     */
    private void collect(ProtoNode owner, Expert e, FrameValues fv) {
        Integer slot = slots.get(e.def().abbrev());
        if (slot != null && !e.isOwnItem(owner)) fv.add(slot, item(owner, e.def().field, null));
        slot = slots.get(ExpertFields.EXPERT.abbrev);
        if (slot != null) fv.add(slot, item(owner, ExpertFields.EXPERT, null));
        slot = slots.get(ExpertFields.MESSAGE.abbrev);
        if (slot != null) fv.add(slot, item(owner, ExpertFields.MESSAGE, e.message()));
        slot = slots.get(ExpertFields.SEVERITY.abbrev);
        if (slot != null) fv.add(slot, item(owner, ExpertFields.SEVERITY, e.severity().code));
        slot = slots.get(ExpertFields.GROUP.abbrev);
        if (slot != null) fv.add(slot, item(owner, ExpertFields.GROUP, e.def().group.code));
    }

    /** An item of the expert subtree, made only when the filter asks for its field; like Wireshark's, it has no bytes. */
    private static ProtoNode item(ProtoNode owner, FieldDef f, Object value) {
        return new ProtoNode(f, value, null, owner.source, owner.offset, 0);
    }
}
