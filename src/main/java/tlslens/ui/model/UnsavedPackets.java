package tlslens.ui.model;

/**
 * What the window asks before it lets packets captured live go (closing, quitting, opening a file,
 * starting another capture), in Wireshark's words, and the three answers.
 */
public final class UnsavedPackets {
    /** What the user asked for that would drop the packets. */
    public enum Action {
        CLOSE("closing the file"),
        QUIT("quitting"),
        OPEN("opening another file"),
        NEW_CAPTURE("starting a new capture");

        final String words;

        Action(String words) { this.words = words; }
    }

    /** The answers, as the dialog's buttons say them. */
    public enum Answer {
        SAVE("Save"), DONT_SAVE("Don't save"), CANCEL("Cancel");

        public final String label;

        Answer(String label) { this.label = label; }
    }

    private UnsavedPackets() {}

    /** The dialog's question: "Do you want to stop the capture and save the captured packets before quitting?" */
    public static String question(Action action, boolean capturing) {
        return "Do you want to " + (capturing ? "stop the capture and " : "") + "save the captured packets before "
                + action.words + "?";
    }

    /** The line under the question. */
    public static String detail() { return "Your captured packets will be lost if you don't save them."; }
}
