package tlslens.ui.model;

import tlslens.dissect.tls.names.HandshakeTypes;

/**
 * Step-through of a ladder for a lesson: how many of its rows are shown, from the Client Hello alone
 * (Home) one row at a time (Space / →, ← hides the last again) up to all of them (End, and the state
 * of a ladder nobody steps through). Ghost rows are steps too: where the resumption skipped a message
 * is part of the story. The row last revealed is the one the packet table and the detail tree follow.
 */
public final class LadderStepper {
    /** A step-through key's meaning. */
    public enum Move { NEXT, PREVIOUS, FIRST, ALL }

    private int rows;
    private int first = 1;
    private int revealed;

    /** A stepper for no ladder. */
    public LadderStepper() {}

    /** Starts over on {@code m}'s rows, all shown. */
    public void reset(LadderModel m) {
        rows = m == null ? 0 : m.rows().size();
        first = Math.min(rows, firstStep(m));
        revealed = rows;
    }

    /**
     * The same ladder with more (or fewer) rows, as a live capture or a key log redraws it: the rows shown stay
     * shown, and a ladder shown whole stays whole.
     */
    public void update(LadderModel m) {
        boolean whole = revealed >= rows;
        int was = revealed;
        reset(m);
        if (!whole) revealed = Math.max(first, Math.min(was, rows));
    }

    /** Applies a move; true when the rows shown changed. */
    public boolean apply(Move move) {
        int was = revealed;
        switch (move) {
            case NEXT -> revealed = Math.min(rows, revealed + 1);
            case PREVIOUS -> revealed = Math.max(Math.min(first, rows), revealed - 1);
            case FIRST -> revealed = Math.min(first, rows);
            case ALL -> revealed = rows;
        }
        return revealed != was;
    }

    /** How many rows are shown (the first ones). */
    public int revealed() { return revealed; }

    /** Whether row {@code i} is shown. */
    public boolean shows(int i) { return i < revealed; }

    /** True while some rows are hidden. */
    public boolean stepping() { return revealed < rows; }

    /** The row revealed last (the one the selection follows), -1 for an empty ladder. */
    public int current() { return revealed - 1; }

    /** "Step 3 of 11". */
    public String position() { return "Step " + revealed + " of " + rows; }

    /** Rows up to and including the first Client Hello (usually one); the first row when there is none. */
    private static int firstStep(LadderModel m) {
        if (m == null) return 0;
        for (int i = 0; i < m.rows().size(); i++) if (m.rows().get(i).is(HandshakeTypes.CLIENT_HELLO)) return i + 1;
        return 1;
    }
}
