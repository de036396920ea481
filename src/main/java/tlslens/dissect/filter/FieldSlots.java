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
import tlslens.dissect.FieldIndex;
import tlslens.dissect.ProtoNode;

/**
 * The fields compiled filters refer to, each with its slot, and the one walk over a frame's tree that
 * gathers their items: what {@link DisplayFilter} and {@link FirstMatch} evaluate their conditions on.
 */
final class FieldSlots {
    /** Field -> slot, looked up for every node of every frame: by the field's id, not its name. */
    private final FieldIndex slots;
    private final int count;
    private final Set<String> fields;
    /** The slots of the items under "_ws.expert" (NONE when the filter names none). */
    private final int expert, message, severity, group;

    FieldSlots(Map<String, Integer> compiled) {
        this.slots = new FieldIndex(new HashMap<>(compiled));
        this.count = compiled.size();
        this.fields = Collections.unmodifiableSet(new LinkedHashSet<>(compiled.keySet()));
        expert = slots.of(ExpertFields.EXPERT);
        message = slots.of(ExpertFields.MESSAGE);
        severity = slots.of(ExpertFields.SEVERITY);
        group = slots.of(ExpertFields.GROUP);
    }

    /** The names of the fields and protocols referred to (what the engine must build). */
    Set<String> fields() { return fields; }

    /** The items of every referred field in the tree under {@code root}. */
    FrameValues collect(ProtoNode root, List<DataSource> sources) {
        FrameValues fv = new FrameValues(count, sources);
        if (count > 0) collect(root, fv);
        return fv;
    }

    private void collect(ProtoNode n, FrameValues fv) {
        if (n.field != null) {
            int slot = slots.of(n.field);
            if (slot >= 0) fv.add(slot, n);
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
        int slot = slots.of(e.def().field);
        if (slot >= 0 && !e.isOwnItem(owner)) fv.add(slot, item(owner, e.def().field, null));
        if (expert >= 0) fv.add(expert, item(owner, ExpertFields.EXPERT, null));
        if (message >= 0) fv.add(message, item(owner, ExpertFields.MESSAGE, e.message()));
        if (severity >= 0) fv.add(severity, item(owner, ExpertFields.SEVERITY, e.severity().code));
        if (group >= 0) fv.add(group, item(owner, ExpertFields.GROUP, e.def().group.code));
    }

    /** An item of the expert subtree, made only when the filter asks for its field; like Wireshark's, it has no bytes. */
    private static ProtoNode item(ProtoNode owner, FieldDef f, Object value) {
        return new ProtoNode(f, value, null, owner.source, owner.offset, 0);
    }
}
