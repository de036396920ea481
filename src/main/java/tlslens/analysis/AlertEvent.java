package tlslens.analysis;

import tlslens.dissect.tls.names.AlertDescriptions;
import tlslens.dissect.tls.names.AlertLevels;

/**
 * An alert record.
 *
 * @param levelCode       its {@link AlertLevels} code, -1 when the alert is encrypted
 * @param descriptionCode its {@link AlertDescriptions} code, -1 when the alert is encrypted
 * @param contentType     the {@link tlslens.dissect.tls.names.ContentTypes} code of the carrying record as
 *                        on the wire: alert, or application_data for a TLS 1.3 alert (decrypted or not)
 * @param encrypted       its content could not be read
 * @param wireEncrypted   it travelled encrypted (TLS 1.3 application_data, or after its sender's ChangeCipherSpec
 *                        in TLS &lt;= 1.2), whether or not a key log decrypted it
 */
public record AlertEvent(long frame, boolean fromClient, int levelCode, int descriptionCode, int contentType,
                         boolean encrypted, Double timeMs, boolean wireEncrypted) {
    public String from() { return fromClient ? "client" : "server"; }

    public boolean fatal() { return !encrypted && levelCode == AlertLevels.FATAL; }

    /** Wireshark's name of the level ("Fatal"), for display; null when encrypted. */
    public String level() { return encrypted ? null : AlertLevels.nameOrUnknown(levelCode); }

    /** Wireshark's name of the description ("Handshake Failure"), for display; null when encrypted. */
    public String description() { return encrypted ? null : AlertDescriptions.nameOrUnknown(descriptionCode); }
}
