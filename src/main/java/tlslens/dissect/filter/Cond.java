package tlslens.dissect.filter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/** A compiled test of one frame: the evaluator's node types. */
interface Cond {
    boolean test(FrameValues fv);

    /** All terms, in order, stopping at the first false one. */
    record And(List<Cond> terms) implements Cond {
        @Override public boolean test(FrameValues fv) {
            for (Cond c : terms) if (!c.test(fv)) return false;
            return true;
        }
    }

    /** Any term, in order, stopping at the first true one. */
    record Or(List<Cond> terms) implements Cond {
        @Override public boolean test(FrameValues fv) {
            for (Cond c : terms) if (c.test(fv)) return true;
            return false;
        }
    }

    record Not(Cond operand) implements Cond {
        @Override public boolean test(FrameValues fv) { return !operand.test(fv); }
    }

    /** The empty filter. */
    record True() implements Cond {
        @Override public boolean test(FrameValues fv) { return true; }
    }

    /** A field or protocol is in the tree (with or without a value). */
    record Present(int slot) implements Cond {
        @Override public boolean test(FrameValues fv) { return !fv.nodes(slot).isEmpty(); }
    }

    /** A slice or bitwise and used as a test: some value exists (and, for "&", is not zero). */
    record AnyValue(Operand operand, boolean nonZero) implements Cond {
        @Override public boolean test(FrameValues fv) {
            for (Object v : operand.values(fv)) if (!nonZero || Operand.nonZero(v)) return true;
            return false;
        }
    }

    enum Op { ANY_EQ, ALL_NE, ALL_EQ, ANY_NE, LT, LE, GT, GE }

    /**
     * A comparison over all occurrences (Wireshark 3.6+): "==", "<" etc. hold when some pair of
     * values does; "!=" (all_ne) and "===" (all_eq) when every pair does; "!==" / "~=" (any_ne)
     * when some pair differs. A side without values makes every comparison false.
     */
    record Compare(Op op, Operand left, Operand right) implements Cond {
        @Override public boolean test(FrameValues fv) {
            List<Object> l = left.values(fv);
            if (l.isEmpty()) return false;
            List<Object> r = right.values(fv);
            if (r.isEmpty()) return false;
            ValueKind k = left.kind;
            boolean all = op == Op.ALL_NE || op == Op.ALL_EQ;
            for (Object a : l) {
                for (Object b : r) {
                    boolean hit = switch (op) {
                        case ANY_EQ, ALL_EQ -> k.eq(a, b);
                        case ALL_NE, ANY_NE -> !k.eq(a, b);
                        case LT -> k.compare(a, b) < 0;
                        case LE -> k.compare(a, b) <= 0;
                        case GT -> k.compare(a, b) > 0;
                        case GE -> k.compare(a, b) >= 0;
                    };
                    if (all && !hit) return false;
                    if (!all && hit) return true;
                }
            }
            return all;
        }
    }

    /** "contains": a byte string inside a bytes value, or a substring of a string value. */
    record Contains(Operand left, Operand right) implements Cond {
        @Override public boolean test(FrameValues fv) {
            List<Object> l = left.values(fv);
            if (l.isEmpty()) return false;
            for (Object needle : right.values(fv)) {
                for (Object hay : l) {
                    if (hay instanceof String s) {
                        if (s.contains((String) needle)) return true;
                    } else if (indexOf((byte[]) hay, (byte[]) needle) >= 0) {
                        return true;
                    }
                }
            }
            return false;
        }

        static int indexOf(byte[] hay, byte[] needle) {
            if (needle.length == 0) return 0;
            byte first = needle[0];
            outer:
            for (int i = 0, max = hay.length - needle.length; i <= max; i++) {
                if (hay[i] != first) continue;
                for (int j = 1; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
                return i;
            }
            return -1;
        }
    }

    /** "matches": a regular expression found anywhere in a string (bytes are read as Latin-1). */
    record Matches(Operand left, Pattern pattern, RegexBudget budget) implements Cond {
        @Override public boolean test(FrameValues fv) {
            for (Object v : left.values(fv)) {
                CharSequence s = v instanceof String str ? str : new String((byte[]) v, StandardCharsets.ISO_8859_1);
                if (budget.find(pattern, s)) return true;
            }
            return false;
        }
    }

    /** One member of a set: values of {@code lo}, or the range lo..hi when {@code hi} is not null. */
    record Member(Operand lo, Operand hi) {}

    /** "x in {a, b..c}": some value of x is in the set; "not in" negates the whole test. */
    record InSet(Operand left, List<Member> members, boolean negated) implements Cond {
        @Override public boolean test(FrameValues fv) {
            return negated != contains(fv);
        }

        private boolean contains(FrameValues fv) {
            List<Object> l = left.values(fv);
            if (l.isEmpty()) return false;
            ValueKind k = left.kind;
            for (Member m : members) {
                List<Object> lo = m.lo().values(fv);
                if (m.hi() == null) {
                    for (Object a : l) for (Object b : lo) if (k.eq(a, b)) return true;
                } else {
                    List<Object> hi = m.hi().values(fv);
                    for (Object a : l) {
                        for (Object from : lo) {
                            if (k.compare(a, from) < 0) continue;
                            for (Object to : hi) if (k.compare(a, to) <= 0) return true;
                        }
                    }
                }
            }
            return false;
        }
    }
}
