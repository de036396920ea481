package tlslens.dissect.filter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import tlslens.dissect.FieldDef;
import tlslens.dissect.FieldType;
import tlslens.dissect.registry.FieldRegistry;
import tlslens.dissect.filter.Syntax.Atom;
import tlslens.dissect.filter.Syntax.Entity;
import tlslens.dissect.filter.Token.Kind;

/**
 * Resolves names and literals of a parsed filter and type-checks it (Wireshark's semcheck.c),
 * producing the evaluator. Each field the filter names gets a slot, the index of its node list
 * in {@link FrameValues}.
 */
final class Compiler {
    private final Map<String, Integer> slots = new LinkedHashMap<>();
    /** Shared by the filter's "matches" tests. */
    final RegexBudget regex = new RegexBudget();

    /** Field name -> slot, in the order the filter names them. */
    Map<String, Integer> slots() { return slots; }

    Cond compile(Syntax s) throws FilterException {
        if (s instanceof Syntax.Or o) return new Cond.Or(compileAll(o.terms()));
        if (s instanceof Syntax.And a) return new Cond.And(compileAll(a.terms()));
        if (s instanceof Syntax.Not n) return new Cond.Not(compile(n.operand()));
        if (s instanceof Syntax.Test t) return test(t.entity());
        if (s instanceof Syntax.Compare c) return compare(c);
        return inSet((Syntax.InSet) s);
    }

    private List<Cond> compileAll(List<Syntax> terms) throws FilterException {
        List<Cond> out = new ArrayList<>(terms.size());
        for (Syntax t : terms) out.add(compile(t));
        return out;
    }

    // ---- tests -----------------------------------------------------------------------------

    private Cond test(Entity e) throws FilterException {
        if (e instanceof Atom a) {
            Operand.Field f = a.token().kind() == Kind.WORD ? field(a.token(), true) : null;
            if (f == null) throw neither(a.token());
            return new Cond.Present(f.slot);
        }
        if (e instanceof Syntax.Call c) {
            checkFunctionName(c);
            throw error(c.token(), "You cannot test whether a function is present.");
        }
        return new Cond.AnyValue(operand(e), e instanceof Syntax.BitAnd);
    }

    private Cond compare(Syntax.Compare c) throws FilterException {
        Token op = c.op();
        Operand l = left(c.left(), op, "Left side of " + opName(op) + " expression must be a field or function, not ");
        switch (op.kind()) {
            case CONTAINS: {
                if (!l.kind.searchable()) throw cannotParticipate(c.left(), l, op);
                // What a MAC address or protocol contains is any byte string, not an address.
                Literals.Target t = l.kind == ValueKind.BYTES ? new Literals.Target(FieldType.BYTES, null, l.name) : l.target();
                return new Cond.Contains(l, right(c.right(), l, t));
            }
            case MATCHES: {
                if (!l.kind.searchable()) throw cannotParticipate(c.left(), l, op);
                if (!(c.right() instanceof Atom a) || a.token().kind() != Kind.STRING) {
                    throw error(c.right(), "Matches requires a double quoted string on the right side.");
                }
                try {
                    return new Cond.Matches(l, Pattern.compile(a.token().stringValue()), regex);
                } catch (PatternSyntaxException ex) {
                    throw error(c.right(), "Regex compilation error: " + ex.getDescription() + ".");
                }
            }
            default: {
                if (l.kind == ValueKind.NONE) throw cannotParticipate(c.left(), l, op);
                Operand r = right(c.right(), l);
                return new Cond.Compare(compareOp(op.kind()), l, r);
            }
        }
    }

    private Cond inSet(Syntax.InSet s) throws FilterException {
        Operand l = left(s.left(), s.op(), null);
        if (l.kind == ValueKind.NONE) throw cannotParticipate(s.left(), l, s.op());
        List<Cond.Member> members = new ArrayList<>();
        for (Syntax.SetItem item : s.items()) {
            Operand lo = right(item.lo(), l);
            Operand hi = item.hi() == null ? null : right(item.hi(), l);
            members.add(new Cond.Member(lo, hi));
        }
        return new Cond.InSet(l, members, s.negated());
    }

    private static Cond.Op compareOp(Kind k) {
        return switch (k) {
            case ANY_EQ -> Cond.Op.ANY_EQ;
            case ALL_NE -> Cond.Op.ALL_NE;
            case ALL_EQ -> Cond.Op.ALL_EQ;
            case ANY_NE -> Cond.Op.ANY_NE;
            case LT -> Cond.Op.LT;
            case LE -> Cond.Op.LE;
            case GT -> Cond.Op.GT;
            case GE -> Cond.Op.GE;
            default -> throw new IllegalArgumentException(k.toString());
        };
    }

    // ---- operands --------------------------------------------------------------------------

    /** The left side of a relation: a field, slice, function or bitwise and; never a literal. */
    private Operand left(Entity e, Token op, String literalMessage) throws FilterException {
        if (e instanceof Atom a && (a.token().kind() != Kind.WORD || field(a.token(), true) == null)) {
            if (literalMessage == null) throw error(e, "Only a field may be tested for membership in a set.");
            throw error(e, literalMessage + a.token().text() + ".");
        }
        return operand(e);
    }

    /** An entity that takes its values from the tree: a field, a slice, a function, a bitwise and. */
    private Operand operand(Entity e) throws FilterException {
        if (e instanceof Atom a) {
            Operand.Field f = a.token().kind() == Kind.WORD ? field(a.token(), true) : null;
            if (f == null) throw neither(a.token());
            return f;
        }
        if (e instanceof Syntax.Slice s) {
            if (s.base() instanceof Atom a && (a.token().kind() != Kind.WORD || field(a.token(), true) == null)) {
                throw error(a, "Range is not supported for entity " + a.token().text());
            }
            Operand b = operand(s.base());
            if (b.kind != ValueKind.BYTES && b.kind != ValueKind.STRING && b.kind != ValueKind.IPV4
                    && b.kind != ValueKind.IPV6) {
                throw error(s.base(), "\"" + b.name + "\" is a " + ValueKind.typeName(b.type)
                        + " and cannot be sliced into a sequence of bytes.");
            }
            return new Operand.Slice(b, SliceRange.parse(s.token().sliceBody(), s.token().pos() + 1), text(e));
        }
        if (e instanceof Syntax.Call c) return function(c);
        Syntax.BitAnd b = (Syntax.BitAnd) e;
        Operand l = operand(b.left());
        if (l.kind != ValueKind.UINT && l.kind != ValueKind.BYTES) {
            throw error(b.left(), ftName(l.type) + " cannot &.");
        }
        return new Operand.BitAnd(l, right(b.right(), l), text(e));
    }

    /** The right side: a field of a compatible type, or a literal read as the left side's type. */
    private Operand right(Entity e, Operand left) throws FilterException {
        return right(e, left, left.target());
    }

    private Operand right(Entity e, Operand left, Literals.Target target) throws FilterException {
        Operand r;
        if (e instanceof Atom a) {
            Token t = a.token();
            Operand.Field f = t.kind() == Kind.WORD ? field(t, false) : null;
            if (f == null) return new Operand.Constant(Literals.convert(t, target), left);
            r = f;
        } else {
            r = operand(e);
        }
        if (r.kind != left.kind) {
            if (left.kind == ValueKind.BYTES && left.type == FieldType.BYTES) {
                throw error(e, "\"" + r.name + "\" is a " + ValueKind.typeName(r.type)
                        + " and cannot be converted into a sequence of bytes.");
            }
            throw error(e, left.name + " and " + r.name + " are not of compatible types.");
        }
        return r;
    }

    private static void checkFunctionName(Syntax.Call c) throws FilterException {
        String fn = c.token().text();
        if (!fn.equals("len") && !fn.equals("count") && !fn.equals("upper") && !fn.equals("lower")) {
            throw error(c.token(), "Function '" + fn + "' does not exist");
        }
    }

    private Operand function(Syntax.Call c) throws FilterException {
        checkFunctionName(c);
        String fn = c.token().text();
        if (c.args().isEmpty()) throw error(c.token(), "Function " + fn + " needs at least 1 arguments.");
        if (c.args().size() > 1) throw error(c.token(), "Function " + fn + " can only accept 1 arguments.");
        Entity arg = c.args().get(0);
        Operand.Field f = arg instanceof Atom a && a.token().kind() == Kind.WORD ? field(a.token(), true) : null;
        switch (fn) {
            case "len":
                // Wireshark 4.0 takes only fields; a slice's length is allowed here too.
                if (f == null && !(arg instanceof Syntax.Slice)) {
                    throw error(arg, "Only fields can be used as parameter for len()");
                }
                return new Operand.Len(f != null ? f : operand(arg), text(c));
            case "count":
                if (f == null) throw error(arg, "Only fields can be used as parameter for count()");
                return new Operand.Count(f, text(c));
            default:
                if (f == null || f.kind != ValueKind.STRING) {
                    throw error(arg, "Only string type fields can be used as parameter for " + fn + "()");
                }
                return new Operand.Case(f, fn.equals("upper"), text(c));
        }
    }

    /**
     * The field a word names, or null. Names that are no registered field but prefix one ("ipv6"
     * when only ipv6.* fields exist) are protocols, on the left side only.
     */
    private Operand.Field field(Token t, boolean allowPrefix) {
        String name = FieldNames.canonical(t.text());
        FieldDef f = FieldRegistry.byName(name);
        FieldType type;
        if (f != null) {
            type = f.type;
        } else if (allowPrefix && Character.isLetter(name.charAt(0)) && !name.endsWith(".")
                && FieldRegistry.isKnownPrefix(name)) {
            type = FieldType.PROTOCOL;
        } else {
            return null;
        }
        Integer slot = slots.get(name);
        if (slot == null) {
            slot = slots.size();
            slots.put(name, slot);
        }
        return new Operand.Field(slot, type, f, name);
    }

    // ---- messages --------------------------------------------------------------------------

    /** tshark's message, with the nearest registered name as a hint when one is near enough. */
    private static FilterException neither(Token t) {
        String near = t.kind() == Kind.WORD ? FieldNames.nearest(t.text()) : null;
        return new FilterException(t.text() + " is neither a field nor a protocol name.", t.pos(), t.len(),
                near == null ? null : "did you mean " + near + "?");
    }

    private static FilterException cannotParticipate(Entity e, Operand l, Token op) {
        return error(e, l.name + " (type=" + ValueKind.typeName(l.type) + ") cannot participate in "
                + op.text() + " comparison.");
    }

    /** tshark quotes symbolic operators ("==") but not word operators (contains). */
    private static String opName(Token op) {
        return Character.isLetter(op.text().charAt(0)) ? op.text() : "\"" + op.text() + "\"";
    }

    private static String ftName(FieldType t) {
        return switch (t) {
            case IPV4 -> "FT_IPv4";
            case IPV6 -> "FT_IPv6";
            default -> "FT_" + t.name();
        };
    }

    private static FilterException error(Token t, String message) {
        return new FilterException(message, t.pos(), t.len());
    }

    private static FilterException error(Entity e, String message) {
        return new FilterException(message, e.pos(), e.len());
    }

    /** The entity as text, for messages ("tcp.payload[0:2]", "len(tls)"). */
    static String text(Entity e) {
        if (e instanceof Atom a) return a.token().text();
        if (e instanceof Syntax.Slice s) return text(s.base()) + s.token().text();
        if (e instanceof Syntax.Call c) {
            StringBuilder sb = new StringBuilder(c.token().text()).append('(');
            for (int i = 0; i < c.args().size(); i++) sb.append(i > 0 ? ", " : "").append(text(c.args().get(i)));
            return sb.append(')').toString();
        }
        Syntax.BitAnd b = (Syntax.BitAnd) e;
        return text(b.left()) + " & " + text(b.right());
    }
}
