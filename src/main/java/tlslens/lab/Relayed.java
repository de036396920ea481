package tlslens.lab;

/** What a relay recorded of one connection, TCP ({@link RelayedConnection}) or UDP ({@link RelayedDatagrams}). */
interface Relayed {
    /** The client's port on loopback: the framer keeps it when no other connection has it. */
    int clientPort();

    /** When the connection began, on the {@link System#nanoTime()} scale. */
    long openNanos();
}
