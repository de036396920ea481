package tlslens.ui.controls;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import tlslens.dissect.ProtoNode;

/**
 * Which subtrees the user has opened, kept from one frame to the next as Wireshark does (it keeps
 * one flag per subtree type). A subtree is named by its path: the field names (or, for text-only
 * items, the labels with their numbers taken out) from the top-level protocol down, so opening
 * "Handshake Protocol: Client Hello" opens the handshake of the next frame too, and
 * "Extension: server_name (len=13)" stays open for a name of another length.
 */
public final class ExpansionMemory {
    private static final Pattern NUMBERS = Pattern.compile("\\d+");
    private final Set<String> open = new HashSet<>();

    /** One step of a path. */
    public static String key(ProtoNode n, ExpertRow expert) {
        if (expert != null) return expert.fieldName();
        if (n.field != null) return n.field.abbrev;
        return NUMBERS.matcher(n.text()).replaceAll("#");
    }

    public static String child(String parentPath, String key) {
        return parentPath.isEmpty() ? key : parentPath + "/" + key;
    }

    public boolean isOpen(String path) { return open.contains(path); }

    public void set(String path, boolean isOpen) {
        if (isOpen) open.add(path);
        else open.remove(path);
    }

    /** Forgets this path and every path below it ("Collapse Subtrees"). */
    public void closeBelow(String path) {
        open.removeIf(p -> p.equals(path) || p.startsWith(path + "/"));
    }

    public void clear() { open.clear(); }

    public int size() { return open.size(); }
}
