package tlslens.dissect;

/** Expert info severity, after Wireshark's PI_CHAT / PI_NOTE / PI_WARN / PI_ERROR. */
public enum Severity { CHAT, NOTE, WARN, ERROR }
