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
 */
final class Parser {
    private final List<Token> tokens;
    private int p;

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

    private Syntax or() throws FilterException {
        Syntax l = and();
        while (peek().kind() == Kind.OR) {
            next();
            l = new Syntax.Or(l, and());
        }
        return l;
    }

    private Syntax and() throws FilterException {
        Syntax l = not();
        while (peek().kind() == Kind.AND) {
            next();
            l = new Syntax.And(l, not());
        }
        return l;
    }

    private Syntax not() throws FilterException {
        if (peek().kind() == Kind.NOT) {
            next();
            return new Syntax.Not(not());
        }
        if (peek().kind() == Kind.LPAREN) {
            next();
            Syntax s = or();
            expect(Kind.RPAREN);
            return s;
        }
        return relation();
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
                    next();
                    List<Entity> args = new ArrayList<>();
                    if (peek().kind() != Kind.RPAREN) {
                        args.add(term());
                        while (peek().kind() == Kind.COMMA) {
                            next();
                            args.add(term());
                        }
                    }
                    expect(Kind.RPAREN);
                    e = new Syntax.Call(t, args);
                } else {
                    e = new Atom(t);
                }
            }
            case STRING, CHAR -> e = new Atom(t);
            default -> throw unexpected(t);
        }
        while (peek().kind() == Kind.SLICE) e = new Syntax.Slice(e, next());
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
