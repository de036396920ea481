package tlslens.dissect;

/** How an integer field is shown, after Wireshark's BASE_DEC / BASE_HEX / BASE_DEC_HEX. */
public enum Base { DEC, HEX, DEC_HEX, HEX_DEC, NONE }
