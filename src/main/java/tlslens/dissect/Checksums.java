package tlslens.dissect;

/**
 * Wireshark's checksum status values. Like tshark's defaults, TLS Lens does not verify IP and
 * TCP checksums (offloading makes captured ones wrong on the sending host): they show "Unverified".
 */
public final class Checksums {
    public static final long UNVERIFIED = 2;

    private Checksums() {}

    public static String statusName(long v) {
        return switch ((int) v) {
            case 0 -> "Bad";
            case 1 -> "Good";
            case 2 -> "Unverified";
            case 3 -> "Not present";
            case 4 -> "Illegal";
            default -> null;
        };
    }
}
