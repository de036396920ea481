package tlslens.ui.model;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import tlslens.dissect.filter.DisplayFilter;
import tlslens.dissect.filter.FilterException;

/**
 * The display-filter bar: the text is compiled on every change (a filter is a few dozen
 * characters; compiling it is microseconds), giving the bar's colour, tshark's error message, and
 * the position of the offending part.
 */
public final class FilterBarModel {
    public enum Status { EMPTY, VALID, INVALID }

    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(this, "status", Status.EMPTY);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyIntegerWrapper errorPosition = new ReadOnlyIntegerWrapper(this, "errorPosition", -1);
    private final ReadOnlyIntegerWrapper errorLength = new ReadOnlyIntegerWrapper(this, "errorLength", 0);
    private final ReadOnlyStringWrapper applied = new ReadOnlyStringWrapper(this, "applied", "");
    private final ReadOnlyObjectWrapper<DisplayFilter> appliedFilter = new ReadOnlyObjectWrapper<>(this, "appliedFilter");
    private DisplayFilter compiled = compileOrNull("");

    public FilterBarModel() {
        text.addListener((o, a, b) -> compile(b));
    }

    public StringProperty textProperty() { return text; }

    public ReadOnlyObjectProperty<Status> statusProperty() { return status.getReadOnlyProperty(); }

    public Status status() { return status.get(); }

    /** tshark's message for an invalid filter, else empty. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** 0-based index of the offending text, -1 when valid. */
    public ReadOnlyIntegerProperty errorPositionProperty() { return errorPosition.getReadOnlyProperty(); }

    public ReadOnlyIntegerProperty errorLengthProperty() { return errorLength.getReadOnlyProperty(); }

    /** The text of the filter applied to the table last. */
    public ReadOnlyStringProperty appliedProperty() { return applied.getReadOnlyProperty(); }

    /**
     * The filter applied to the table last; null when every row shows. New rows (a load, a
     * capture) are tested against it as they are dissected.
     */
    public ReadOnlyObjectProperty<DisplayFilter> appliedFilterProperty() { return appliedFilter.getReadOnlyProperty(); }

    public DisplayFilter appliedFilter() { return appliedFilter.get(); }

    /** The compiled filter of the current text, or null when the text is invalid. */
    public DisplayFilter compiled() { return compiled; }

    /**
     * Marks the current text as applied and returns its filter: null when the text is invalid
     * (nothing to apply), a filter with {@code isEmpty} semantics for blank text.
     */
    public DisplayFilter apply() {
        if (compiled == null) return null;
        applied.set(text.get().trim());
        appliedFilter.set(isBlank() ? null : compiled);
        return compiled;
    }

    /** Escape in the field: back to the text applied last. */
    public void revert() { text.set(applied.get()); }

    /** True when the current text is blank (applying it shows every row). */
    public boolean isBlank() { return text.get() == null || text.get().isBlank(); }

    /** "Apply as filter" from the tree: {@code field == value}. */
    public void setFieldFilter(String field, String value) { text.set(field + " == " + value); }

    private void compile(String t) {
        String s = t == null ? "" : t;
        try {
            compiled = DisplayFilter.compile(s);
            status.set(s.isBlank() ? Status.EMPTY : Status.VALID);
            message.set("");
            errorPosition.set(-1);
            errorLength.set(0);
        } catch (FilterException e) {
            compiled = null;
            status.set(Status.INVALID);
            errorPosition.set(Math.max(0, Math.min(e.position(), s.length())));
            errorLength.set(Math.max(0, e.length()));
            // tshark's message, then the nearest name as a sentence of its own: "… name. Did you mean …?"
            String hint = e.hint() == null ? "" : " " + Character.toUpperCase(e.hint().charAt(0)) + e.hint().substring(1);
            message.set(e.getMessage() + hint);
        } catch (RuntimeException e) {
            compiled = null;
            status.set(Status.INVALID);
            errorPosition.set(0);
            errorLength.set(s.length());
            message.set("Invalid filter: " + e.getMessage());
        }
    }

    private static DisplayFilter compileOrNull(String s) {
        try {
            return DisplayFilter.compile(s);
        } catch (FilterException e) {
            return null;
        }
    }
}
