package tlslens.dissect.filter;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import tlslens.dissect.FieldDef;
import tlslens.dissect.FieldType;
import tlslens.dissect.ProtoNode;

/**
 * Something with values in a frame: a field, a constant, a slice, a function result, a bitwise
 * and. Every operand knows the field type its values have (which decides how literals compared
 * with it are read) and gives its values normalized as {@link ValueKind} describes.
 */
abstract class Operand {
    final FieldType type;
    /** The field whose value names literals may use; null for derived values. */
    final FieldDef field;
    /** How error messages name this operand ("tcp.port", "len(tls)"). */
    final String name;
    final ValueKind kind;

    Operand(FieldType type, FieldDef field, String name) {
        this.type = type;
        this.field = field;
        this.name = name;
        this.kind = ValueKind.of(type);
    }

    abstract List<Object> values(FrameValues fv);

    Literals.Target target() { return new Literals.Target(type, field, name); }

    /** A field of the tree, all its occurrences (tree order). */
    static final class Field extends Operand {
        final int slot;

        Field(int slot, FieldType type, FieldDef field, String name) {
            super(type, field, name);
            this.slot = slot;
        }

        @Override List<Object> values(FrameValues fv) {
            List<Object> cached = fv.cachedValues(slot);
            if (cached != null) return cached;
            List<ProtoNode> nodes = fv.nodes(slot);
            List<Object> out;
            if (nodes.isEmpty()) {
                out = Collections.emptyList();
            } else {
                out = new ArrayList<>(nodes.size());
                for (ProtoNode n : nodes) {
                    Object v = normalize(n, fv);
                    if (v != null) out.add(v);
                }
            }
            fv.cacheValues(slot, out);
            return out;
        }

        /** A node's value in this field's kind, or null when it has none (missing, or bytes not at hand). */
        private Object normalize(ProtoNode n, FrameValues fv) {
            Object v = n.value();
            switch (kind) {
                case UINT:
                    if (v instanceof Long) return v;
                    if (v instanceof Number num) return num.longValue();
                    if (v instanceof Boolean b) return b ? 1L : 0L;
                    return null;
                case BOOL:
                    if (v instanceof Boolean b) return b ? 1L : 0L;
                    if (v instanceof Number num) return num.longValue() != 0 ? 1L : 0L;
                    return null;
                case BYTES:
                    if (type == FieldType.PROTOCOL || v == null) return fv.nodeBytes(n);
                    return bytesOf(v);
                case STRING:
                    if (v instanceof String s) return s;
                    return v == null || v instanceof byte[] ? null : v.toString();
                case IPV4: case IPV6:
                    if (v instanceof InetAddress a) return a.getAddress();
                    return v instanceof byte[] ? v : null;
                case RELTIME:
                    if (v instanceof Long) return v;
                    if (v instanceof Number num) return num.longValue();
                    if (v instanceof java.time.Duration d) return tlslens.capture.FrameTimes.nanos(d); // centuries: clamped
                    return null;
                case ABSTIME:
                    if (v instanceof Instant) return v;
                    if (v instanceof Number num) return Instant.ofEpochSecond(0, num.longValue());
                    return null;
                case DOUBLE:
                    return v instanceof Number num ? num.doubleValue() : null;
                default:
                    return null;
            }
        }
    }

    /** Bytes of a bytes-like, string or address value (what slices and len() see). */
    static byte[] bytesOf(Object v) {
        if (v instanceof byte[] b) return b;
        if (v instanceof String s) return s.getBytes(StandardCharsets.UTF_8);
        if (v instanceof InetAddress a) return a.getAddress();
        return null;
    }

    /** A literal, converted to the type of the operand it is compared with. */
    static final class Constant extends Operand {
        private final List<Object> value;

        Constant(Object value, Operand like) {
            super(like.type, like.field, like.name);
            this.value = List.of(value);
        }

        Object value() { return value.get(0); }

        @Override List<Object> values(FrameValues fv) { return value; }
    }

    /** {@code base[ranges]}: the bytes of each value's ranges, concatenated; values too short drop out. */
    static final class Slice extends Operand {
        private final Operand base;
        private final List<SliceRange> ranges;

        Slice(Operand base, List<SliceRange> ranges, String name) {
            super(FieldType.BYTES, null, name);
            this.base = base;
            this.ranges = ranges;
        }

        @Override List<Object> values(FrameValues fv) {
            List<Object> in = base.values(fv);
            if (in.isEmpty()) return in;
            List<Object> out = new ArrayList<>(in.size());
            for (Object v : in) {
                byte[] b = bytesOf(v);
                if (b == null) continue;
                byte[] r = ranges.size() == 1 ? ranges.get(0).apply(b) : concat(b);
                if (r != null) out.add(r);
            }
            return out;
        }

        private byte[] concat(byte[] b) {
            java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
            for (SliceRange r : ranges) {
                byte[] part = r.apply(b);
                if (part == null) return null;
                o.writeBytes(part);
            }
            return o.toByteArray();
        }
    }

    /** len(x): byte length of each value (for fields without bytes, the length the node covers). */
    static final class Len extends Operand {
        private final Operand base;

        Len(Operand base, String name) {
            super(FieldType.UINT32, null, name);
            this.base = base;
        }

        @Override List<Object> values(FrameValues fv) {
            List<Object> out = new ArrayList<>(2);
            if (base instanceof Field f) {
                for (ProtoNode n : fv.nodes(f.slot)) {
                    byte[] b = f.type == FieldType.PROTOCOL ? null : bytesOf(n.value());
                    out.add(b != null ? (long) b.length : (long) n.length());
                }
                return out;
            }
            for (Object v : base.values(fv)) {
                byte[] b = bytesOf(v);
                if (b != null) out.add((long) b.length);
            }
            return out;
        }
    }

    /** count(field): the number of occurrences; no value at all when there are none. */
    static final class Count extends Operand {
        private final Field base;

        Count(Field base, String name) {
            super(FieldType.UINT32, null, name);
            this.base = base;
        }

        @Override List<Object> values(FrameValues fv) {
            int n = fv.nodes(base.slot).size();
            return n == 0 ? Collections.emptyList() : List.of((long) n);
        }
    }

    /** upper(field) / lower(field): ASCII case mapping, as Wireshark's g_ascii_strup. */
    static final class Case extends Operand {
        private final Operand base;
        private final boolean upper;

        Case(Operand base, boolean upper, String name) {
            super(FieldType.STRING, null, name);
            this.base = base;
            this.upper = upper;
        }

        @Override List<Object> values(FrameValues fv) {
            List<Object> in = base.values(fv);
            List<Object> out = new ArrayList<>(in.size());
            for (Object v : in) {
                char[] c = ((String) v).toCharArray();
                for (int i = 0; i < c.length; i++) {
                    if (upper && c[i] >= 'a' && c[i] <= 'z') c[i] -= 32;
                    else if (!upper && c[i] >= 'A' && c[i] <= 'Z') c[i] += 32;
                }
                out.add(new String(c));
            }
            return out;
        }
    }

    /** {@code x & mask}: integers and'ed; byte strings and'ed byte by byte over the shorter length. */
    static final class BitAnd extends Operand {
        private final Operand base;
        private final Operand mask;

        BitAnd(Operand base, Operand mask, String name) {
            super(base.type == FieldType.PROTOCOL || base.type == FieldType.ETHER ? FieldType.BYTES : base.type,
                    base.field, name);
            this.base = base;
            this.mask = mask;
        }

        @Override List<Object> values(FrameValues fv) {
            List<Object> in = base.values(fv);
            if (in.isEmpty()) return in;
            List<Object> masks = mask.values(fv);
            List<Object> out = new ArrayList<>(in.size() * masks.size());
            for (Object v : in) {
                for (Object m : masks) {
                    if (v instanceof Long l) {
                        out.add(l & (Long) m);
                    } else {
                        byte[] a = (byte[]) v, mb = (byte[]) m;
                        byte[] r = new byte[Math.min(a.length, mb.length)];
                        for (int i = 0; i < r.length; i++) r[i] = (byte) (a[i] & mb[i]);
                        out.add(r);
                    }
                }
            }
            return out;
        }
    }

    /** True when a value is not zero (integers) or has a non-zero byte (byte strings). */
    static boolean nonZero(Object v) {
        if (v instanceof Long l) return l != 0;
        if (v instanceof byte[] b) {
            for (byte x : b) if (x != 0) return true;
            return false;
        }
        return true;
    }
}
