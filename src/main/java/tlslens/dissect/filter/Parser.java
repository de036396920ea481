package tlslens.dissect.filter;

import java.util.ArrayList;
import java.util.List;

import tlslens.dissect.filter.Syntax.Atom;
import tlslens.dissect.filter.Syntax.Entity;
import tlslens.dissect.filter.Token.Kind;

/**
 * Recursive-descent parser for Wireshark 4.0's display filter grammar (grammar.lemon):
 * {@code not} binds tighter than {@code and}, which binds tighter than {@code or}; a relation is
 * {@code term [op term | [not] in {set}]} where a term is an entity optionally {@code & mask}.
 * Chains of {@code or} and {@code and} are read in a loop into one node however long (tshark takes
 * 10,000 terms); a run of {@code not} keeps its parity; nesting (parentheses, function calls,
 * slices of slices) is refused past {@link #MAX_DEPTH} with a message, since this parser, the
 * checker and the evaluator recurse once per level.
 */
final class Parser {
    /** Levels of parentheses, function calls and slices at most (tshark's parser refuses 100 parentheses). */
    static final int MAX_DEPTH = 200;

    private final List<Token> tokens;
    private int p;
    private int depth;

    private Parser(List<Token> tokens) { this.tokens = tokens; }

    /** Parses a whole filter; the text must not be blank (an empty filter is handled by the caller). */
    static Syntax parse(String text) throws FilterException {
        Parser ps = new Parser(Lexer.tokenize(text));
        Syntax s = ps.or();
        Token t = ps.peek();
        if (t.kind() != Kind.EOF) throw unexpected(t);
        return s;
    }

    private Token peek() { return tokens.get(p); }

    private Token peek(int ahead) { return tokens.get(Math.min(p + ahead, tokens.size() - 1)); }

    private Token next() { return tokens.get(p++); }

    static FilterException unexpected(Token t) {
        if (t.kind() == Kind.EOF) return new FilterException("Unexpected end of filter expression.", t.pos(), 0);
        return new FilterException("\"" + t.text() + "\" was unexpected in this context.", t.pos(), t.len());
    }

    private Token expect(Kind k) throws FilterException {
        Token t = next();
        if (t.kind() != k) throw unexpected(t);
        return t;
    }

    private void enter(Token t) throws FilterException {
        if (++depth > MAX_DEPTH) {
            throw new FilterException("The filter is nested too deeply: more than " + MAX_DEPTH
                    + " levels of parentheses, function calls and slices.", t.pos(), t.len());
        }
    }

    private Syntax or() throws FilterException {
        Syntax first = and();
        if (peek().kind() != Kind.OR) return first;
        List<Syntax> terms = new ArrayList<>();
        terms.add(first);
        while (peek().kind() == Kind.OR) {
            next();
            terms.add(and());
        }
        return new Syntax.Or(terms);
    }

    private Syntax and() throws FilterException {
        Syntax first = not();
        if (peek().kind() != Kind.AND) return first;
        List<Syntax> terms = new ArrayList<>();
        terms.add(first);
        while (peek().kind() == Kind.AND) {
            next();
            terms.add(not());
        }
        return new Syntax.And(terms);
    }

    private Syntax not() throws FilterException {
        boolean negated = false;
        while (peek().kind() == Kind.NOT) { // "not not x" is x: a run of any length costs no depth
            next();
            negated = !negated;
        }
        Syntax s;
        if (peek().kind() == Kind.LPAREN) {
            enter(next());
            s = or();
            expect(Kind.RPAREN);
            depth--;
        } else {
            s = relation();
        }
        return negated ? new Syntax.Not(s) : s;
    }

    private Syntax relation() throws FilterException {
        Entity left = term();
        Token t = peek();
        if (t.kind().isComparison()) {
            next();
            Entity right = term();
            if (peek().kind().isComparison()) {
                // "a == 1 == 2": tshark reads it as (a == 1) == 2 and rejects the literal on the left.
                throw new FilterException("Left side of \"" + peek().text()
                        + "\" expression must be a field or function, not " + right.token().text() + ".",
                        right.pos(), right.len());
            }
            return new Syntax.Compare(t, left, right);
        }
        if (t.kind() == Kind.IN) {
            next();
            return new Syntax.InSet(left, t, set(), false);
        }
        if (t.kind() == Kind.NOT && peek(1).kind() == Kind.IN) {
            next();
            Token in = next();
            return new Syntax.InSet(left, in, set(), true);
        }
        return new Syntax.Test(left);
    }

    private Entity term() throws FilterException {
        Entity e = entity();
        if (peek().kind() == Kind.BITAND) {
            Token op = next();
            e = new Syntax.BitAnd(e, op, entity());
        }
        return e;
    }

    private Entity entity() throws FilterException {
        Token t = next();
        Entity e;
        switch (t.kind()) {
            case WORD -> {
                if (peek().kind() == Kind.LPAREN) {
                    enter(next());
                    List<Entity> args = new ArrayList<>();
                    if (peek().kind() != Kind.RPAREN) {
                        args.add(term());
                        while (peek().kind() == Kind.COMMA) {
                            next();
                            args.add(term());
                        }
                    }
                    expect(Kind.RPAREN);
                    depth--;
                    e = new Syntax.Call(t, args);
                } else {
                    e = new Atom(t);
                }
            }
            case STRING, CHAR -> e = new Atom(t);
            default -> throw unexpected(t);
        }
        int slices = 0;
        for (; peek().kind() == Kind.SLICE; slices++) {
            enter(peek());
            e = new Syntax.Slice(e, next());
        }
        depth -= slices;
        return e;
    }

    private List<Syntax.SetItem> set() throws FilterException {
        expect(Kind.LBRACE);
        List<Syntax.SetItem> items = new ArrayList<>();
        while (true) {
            Entity lo = entity();
            Entity hi = null;
            if (peek().kind() == Kind.DOTDOT) {
                next();
                hi = entity();
            }
            items.add(new Syntax.SetItem(lo, hi));
            Token t = next();
            if (t.kind() == Kind.RBRACE) return items;
            if (t.kind() != Kind.COMMA) throw unexpected(t);
        }
    }
}
