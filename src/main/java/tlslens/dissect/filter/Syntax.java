package tlslens.dissect.filter;

import java.util.List;

/** The parse tree of a display filter, before names and literals are resolved. */
sealed interface Syntax {

    /** Two or more terms, however many: a long chain is one node, not a deep tree. */
    record Or(List<Syntax> terms) implements Syntax {}

    record And(List<Syntax> terms) implements Syntax {}

    record Not(Syntax operand) implements Syntax {}

    /** A bare entity used as a test: field presence, a non-empty slice, a non-zero bitwise and. */
    record Test(Entity entity) implements Syntax {}

    record Compare(Token op, Entity left, Entity right) implements Syntax {}

    record InSet(Entity left, Token op, List<SetItem> items, boolean negated) implements Syntax {}

    /** One member of a set: a value, or a range lo..hi when {@code hi} is not null. */
    record SetItem(Entity lo, Entity hi) {}

    /** Something that has values: a field or literal, a slice of it, a function call, a bitwise and. */
    sealed interface Entity {
        /** The token that an error about this entity points at. */
        Token token();

        /** Start and length of the entity's text, for error positions. */
        default int pos() { return token().pos(); }

        default int len() { return token().len(); }
    }

    /** A WORD, STRING or CHAR token: a field name or a literal, decided by the checker. */
    record Atom(Token token) implements Entity {}

    record Slice(Entity base, Token token) implements Entity {
        @Override public int pos() { return base.pos(); }

        @Override public int len() { return token.end() - base.pos(); }
    }

    record Call(Token token, List<Entity> args) implements Entity {}

    record BitAnd(Entity left, Token token, Entity right) implements Entity {
        @Override public int pos() { return left.pos(); }

        @Override public int len() { return right.pos() + right.len() - left.pos(); }
    }
}
