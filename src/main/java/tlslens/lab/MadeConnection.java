package tlslens.lab;

/**
 * A connection a scenario made: the bytes the relay saw, what the peers said happened (with
 * {@code origin} counted among the scenario's own connections until the lab numbers them all),
 * the NSS key log lines that decrypt it, and whether the server gave it a session ticket.
 */
record MadeConnection(Relayed wire, LabConnection facts, String keyLog, boolean gotTicket) {}
