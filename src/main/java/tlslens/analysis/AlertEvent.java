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
 */
public record AlertEvent(long frame, boolean fromClient, int levelCode, int descriptionCode, int contentType,
                         boolean encrypted, Double timeMs) {
    public String from() { return fromClient ? "client" : "server"; }

    public boolean fatal() { return !encrypted && levelCode == AlertLevels.FATAL; }

    /** Wireshark's name of the level ("Fatal"), for display; null when encrypted. */
    public String level() { return encrypted ? null : AlertLevels.nameOrUnknown(levelCode); }

    /** Wireshark's name of the description ("Handshake Failure"), for display; null when encrypted. */
    public String description() { return encrypted ? null : AlertDescriptions.nameOrUnknown(descriptionCode); }
}
