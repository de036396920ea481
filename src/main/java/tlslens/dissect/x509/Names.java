package tlslens.dissect.x509;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import tlslens.dissect.FieldDef;
import tlslens.dissect.FieldFormat;
import tlslens.dissect.ProtoNode;

/** Distinguished names (x509if/x509sat) and GeneralNames (x509ce), laid out as tshark shows them. */
final class Names {
    private final DerTree d;

    Names(DerTree d) { this.d = d; }

    /**
     * A Name (CHOICE { rdnSequence }) given as its SEQUENCE element: "issuer: rdnSequence (0)" over
     * the whole element, then the RDNSequence under it. Returns the DN string tshark appends
     * ("id-at-commonName=R3,id-at-organizationName=Let's Encrypt,...", last RDN first).
     */
    String name(ProtoNode parent, FieldDef choiceField, FieldDef seqField, Der.Tlv t) {
        if (!t.isUniversal(Der.SEQUENCE)) {
            d.berError(parent, t, X509Experts.CHOICE_NOT_FOUND, "This choice field (Name) was not found.");
            return "";
        }
        ProtoNode choice = parent.addValue(choiceField, d.tvb, t.start(), t.length(), 0L);
        return rdnSequence(choice, seqField, t);
    }

    /** The RDNSequence: "rdnSequence: 3 items (dn)" over the content of the SEQUENCE. */
    String rdnSequence(ProtoNode parent, FieldDef seqField, Der.Tlv t) {
        ProtoNode seq = d.sequenceOf(parent, seqField, t);
        String dn = rdnItems(seq, t);
        seq.appendText(" (" + dn + ")");
        return dn;
    }

    /** The "RDNSequence item"s of an RDNSequence element, added directly under seq; returns the DN. */
    String rdnItems(ProtoNode seq, Der.Tlv t) {
        List<String> rdns = new ArrayList<>();
        d.depth++;
        try {
            d.elements(seq, t, "the RDNSequence", (s, set) -> {
                if (!set.isUniversal(Der.SET)) {
                    d.berError(s, set, X509Experts.EXPECTED_SET, "SET OF expected but " + set.describe() + " was unexpected");
                    return;
                }
                rdns.add(rdn(s, set));
            });
        } finally {
            d.depth--;
        }
        StringBuilder dn = new StringBuilder();
        for (int i = rdns.size() - 1; i >= 0; i--) {
            if (dn.length() > 0) dn.append(',');
            dn.append(rdns.get(i));
        }
        return dn.toString();
    }

    /** One RelativeDistinguishedName (SET OF AttributeTypeAndValue); returns "a=x+b=y". */
    private String rdn(ProtoNode parent, Der.Tlv set) {
        StringBuilder rdn = new StringBuilder();
        ProtoNode item = d.sequenceOf(parent, X509Fields.RDN_SEQUENCE_ITEM, set, "the RelativeDistinguishedName",
                (list, atv) -> {
                    if (rdn.length() > 0) rdn.append('+');
                    rdn.append(attributeTypeAndValue(list, atv));
                });
        item.appendText(" (" + rdn + ")");
        return rdn.toString();
    }

    private String attributeTypeAndValue(ProtoNode parent, Der.Tlv atv) {
        ProtoNode item = d.sequence(parent, X509Fields.RDN_ITEM, atv);
        if (!atv.isUniversal(Der.SEQUENCE)) {
            d.berError(item, atv, X509Experts.EXPECTED_SEQUENCE, "SEQUENCE expected but " + atv.describe() + " was unexpected");
            return "";
        }
        Der.Cursor c = d.cursor(atv);
        Der.Tlv type = d.expect(item, c, Der.UNIVERSAL, Der.OID, "the attribute type");
        if (type == null) return "";
        String oid = d.oid(item, X509Fields.ATTRIBUTE_OID, type);
        String name = oid == null ? "?" : Oids.resolve(oid);
        Der.Tlv value = c.next();
        if (value == null) {
            item.malformed(d.tvb, atv.end(), 0, "BER Error: missing the attribute value");
            item.setText(X509Fields.RDN_ITEM.name + " (" + name + "=");
            return name + "=";
        }
        attributeValue(item, oid, value);
        String text = value.constructed() ? "" : Text.format(d.decodeString(value));
        item.setText(X509Fields.RDN_ITEM.name + " (" + name + "=" + text + ")");
        d.checkRest(item, c, "the AttributeTypeAndValue");
        return name + "=" + text;
    }

    /** The value, dissected by the syntax Wireshark registers for the attribute type. */
    private void attributeValue(ProtoNode parent, String oid, Der.Tlv v) {
        if (oid == null) return;
        switch (oid) {
            case "2.5.4.3", "2.5.4.4", "2.5.4.7", "2.5.4.8", "2.5.4.9", "2.5.4.10", "2.5.4.11", "2.5.4.12",
                 "2.5.4.13", "2.5.4.15", "2.5.4.17", "2.5.4.18", "2.5.4.41", "2.5.4.42", "2.5.4.43", "2.5.4.44",
                 "2.5.4.65", "1.3.6.1.4.1.311.60.2.1.1", "1.3.6.1.4.1.311.60.2.1.2" -> directoryString(parent, v);
            case "2.5.4.6", "1.3.6.1.4.1.311.60.2.1.3" ->
                    fixedString(parent, X509Fields.COUNTRY_NAME, Der.PRINTABLE_STRING, v);
            case "2.5.4.5", "2.5.4.46" -> fixedString(parent, X509Fields.PRINTABLE_STRING, Der.PRINTABLE_STRING, v);
            case "2.5.4.20" -> fixedString(parent, X509Fields.TELEPHONE_NUMBER, Der.PRINTABLE_STRING, v);
            case "1.2.840.113549.1.9.1", "0.9.2342.19200300.100.1.25" ->
                    fixedString(parent, X509Fields.IA5_STRING, Der.IA5_STRING, v);
            case "0.9.2342.19200300.100.1.1" -> fixedString(parent, X509Fields.USERID, Der.UTF8_STRING, v);
            default -> d.oidNotImplemented(parent, v.start(), v.length());
        }
    }

    private void fixedString(ProtoNode parent, FieldDef f, int tag, Der.Tlv v) {
        if (!v.isUniversal(tag) || v.constructed()) {
            d.berError(parent, v, X509Experts.EXPECTED_STRING, "String with tag=" + tag + " expected but " + v.describe() + " was unexpected");
            return;
        }
        d.string(parent, f, v);
    }

    /** DirectoryString CHOICE: "DirectoryString: printableString (1)" then the string. */
    void directoryString(ProtoNode parent, Der.Tlv v) {
        int idx;
        FieldDef f;
        if (v.tagClass() != Der.UNIVERSAL || v.constructed()) {
            idx = -1;
            f = null;
        } else {
            switch (v.tag()) {
                case Der.T61_STRING -> { idx = 0; f = X509Fields.DS_TELETEX; }
                case Der.PRINTABLE_STRING -> { idx = 1; f = X509Fields.DS_PRINTABLE; }
                case Der.UNIVERSAL_STRING -> { idx = 2; f = X509Fields.DS_UNIVERSAL; }
                case Der.BMP_STRING -> { idx = 3; f = X509Fields.DS_BMP; }
                case Der.UTF8_STRING -> { idx = 4; f = X509Fields.DS_UTF8; }
                default -> { idx = -1; f = null; }
            }
        }
        if (f == null) {
            d.berError(parent, v, X509Experts.CHOICE_NOT_FOUND, "This choice field (DirectoryString) was not found.");
            return;
        }
        ProtoNode choice = parent.addValue(X509Fields.DIRECTORY_STRING, d.tvb, v.start(), v.length(), (long) idx);
        d.string(choice, f, v);
    }

    // ---- GeneralNames ---------------------------------------------------------------------------

    /** A SEQUENCE OF GeneralName ("GeneralNames: 2 items"); values are added to out when given. */
    ProtoNode generalNames(ProtoNode parent, FieldDef f, Der.Tlv t, List<String> out) {
        return d.sequenceOf(parent, f, t, f.name, (seq, gn) -> generalName(seq, X509Fields.GENERAL_NAME, gn, out));
    }

    /**
     * One GeneralName CHOICE. The choice item covers the value after the context tag (all
     * alternatives are tagged), labelled by choiceField ("GeneralName: dNSName (2)",
     * "accessLocation: 6", "base: dNSName (2)").
     */
    void generalName(ProtoNode parent, FieldDef choiceField, Der.Tlv t, List<String> out) {
        if (t.tagClass() != Der.CONTEXT || t.tag() > 8) {
            d.berError(parent, t, X509Experts.CHOICE_NOT_FOUND, "This choice field (GeneralName) was not found.");
            return;
        }
        int idx = t.tag();
        if (idx == 4) { // directoryName [4] EXPLICIT Name
            Der.Tlv inner = Der.read(d.tvb, t.content(), t.end());
            if (inner == null) {
                parent.malformed(d.tvb, t.start(), t.length(), "BER Error: empty directoryName");
                return;
            }
            ProtoNode choice = parent.addValue(choiceField, d.tvb, inner.start(), inner.length(), 4L);
            if (d.depth > DerTree.MAX_DEPTH) {
                choice.malformed(d.tvb, inner.start(), inner.length(), "nesting too deep");
                return;
            }
            d.depth++;
            try {
                String dn = name(choice, X509Fields.DIRECTORY_NAME, X509Fields.IF_RDN_SEQUENCE, inner);
                if (out != null) out.add(dn);
            } finally {
                d.depth--;
            }
            return;
        }
        ProtoNode choice = parent.addValue(choiceField, d.tvb, t.content(), t.contentLength(), (long) idx);
        d.checkTruncated(choice, t);
        switch (idx) {
            case 1 -> add(out, d.string(choice, X509Fields.RFC822_NAME, t));
            case 2 -> add(out, d.string(choice, X509Fields.DNS_NAME, t));
            case 6 -> add(out, d.string(choice, X509Fields.URI, t));
            case 7 -> add(out, ipAddress(choice, t));
            case 8 -> {
                String oid = d.oid(choice, X509Fields.REGISTERED_ID, t);
                if (out != null && oid != null) out.add(oid);
            }
            case 0 -> otherName(choice, t);
            default -> { } // x400Address, ediPartyName: tshark's item shows only the choice
        }
    }

    private static void add(List<String> out, ProtoNode n) {
        if (out != null && n != null && n.value() != null) {
            Object v = n.value();
            // An iPAddress of neither 4 nor 16 bytes keeps its bytes: shown in hex (its toString was an identity hash).
            out.add(v instanceof InetAddress a ? FieldFormat.address(a) : v instanceof byte[] b ? FieldFormat.hex(b) : v.toString());
        }
    }

    private ProtoNode ipAddress(ProtoNode parent, Der.Tlv t) {
        int len = t.contentLength();
        if (len == 4 || len == 16) {
            try {
                InetAddress a = InetAddress.getByAddress(d.tvb.bytes(t.content(), len));
                return parent.addValue(len == 4 ? X509Fields.IP_ADDRESS_V4 : X509Fields.IP_ADDRESS_V6, d.tvb,
                        t.content(), len, a);
            } catch (UnknownHostException e) {
                // fall through to bytes
            }
        }
        return parent.add(X509Fields.IP_ADDRESS, d.tvb, t.content(), len);
    }

    /** otherName [0] IMPLICIT SEQUENCE { type-id OID, value [0] EXPLICIT ANY }. */
    private void otherName(ProtoNode parent, Der.Tlv t) {
        ProtoNode on = parent.addValue(X509Fields.OTHER_NAME, d.tvb, t.content(), t.contentLength(), null);
        Der.Cursor c = d.cursor(t);
        Der.Tlv type = d.expect(on, c, Der.UNIVERSAL, Der.OID, "type-id");
        if (type == null) return;
        d.oid(on, X509Fields.OTHER_NAME_TYPE, type);
        Der.Tlv value = c.next();
        if (value != null) d.oidNotImplemented(on, value.start(), value.length());
    }
}
