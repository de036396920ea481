package tlslens.dissect.tls.ext;

import static tlslens.dissect.tls.base.ExtensionFields.*;

import tlslens.dissect.ProtoNode;
import tlslens.dissect.Tvb;
import tlslens.dissect.tls.base.Vectors;
import tlslens.dissect.tls.names.HandshakeTypes;
import tlslens.dissect.tls.names.HpkeAeads;
import tlslens.dissect.tls.names.HpkeKdfs;

/**
 * encrypted_client_hello (0xfe0d, draft-ietf-tls-esni-13 and later): the outer ClientHello's
 * ECHClientHello, the retry_configs ECHConfigList of EncryptedExtensions and the
 * HelloRetryRequest's confirmation. tshark 4.0 shows this extension as opaque "Data"; these items
 * hang below that item.
 */
final class EncryptedClientHello {
    private EncryptedClientHello() {}

    static int dissect(ExtContext c, ProtoNode tree, Tvb tvb, int off, int end) {
        switch (c.handshakeType()) {
            case HandshakeTypes.CLIENT_HELLO: {
                if (off >= end) return off;
                int type = tvb.u8(off);
                tree.add(ECH_CLIENT_HELLO_TYPE, tvb, off, 1);
                if (c.hello() != null) c.hello().echClientHelloType = type;
                off++;
                if (type != 0) return off;
                off = cipherSuite(tree, tvb, off);
                if (c.hello() != null && tvb.has(off, 1)) c.hello().echConfigId = tvb.u8(off);
                tree.add(ECH_CONFIG_ID, tvb, off, 1);
                off++;
                Vectors.Length enc = Vectors.add(tree, tvb, off, end, ECH_ENC_LEN, 0, 0xffff);
                if (!enc.ok()) return end;
                off += 2;
                tree.add(ECH_ENC, tvb, off, enc.length());
                off += enc.length();
                Vectors.Length payload = Vectors.add(tree, tvb, off, end, ECH_PAYLOAD_LEN, 1, 0xffff);
                if (!payload.ok()) return end;
                off += 2;
                tree.add(ECH_PAYLOAD, tvb, off, payload.length());
                return off + payload.length();
            }
            case HandshakeTypes.HELLO_RETRY_REQUEST:
                tree.add(ECH_CONFIRMATION, tvb, off, 8);
                return off + 8;
            case HandshakeTypes.ENCRYPTED_EXTENSIONS:
                return configList(tree, tvb, off, end);
            default:
                return off;
        }
    }

    /** HpkeSymmetricCipherSuite: "Cipher Suite: HKDF-SHA256, AES-128-GCM". */
    static int cipherSuite(ProtoNode tree, Tvb tvb, int off) {
        int kdf = tvb.u16(off), aead = tvb.u16(off + 2);
        ProtoNode cs = tree.addValue(ECH_CIPHER_SUITE, tvb, off, 4, null,
                "Cipher Suite: " + HpkeKdfs.nameOrUnknown(kdf) + ", " + HpkeAeads.nameOrUnknown(aead));
        cs.add(ECH_KDF_ID, tvb, off, 2);
        cs.add(ECH_AEAD_ID, tvb, off + 2, 2);
        return off + 4;
    }

    /** ECHConfigList: each ECHConfig with its version, length and (for 0xfe0d) contents. */
    static int configList(ProtoNode tree, Tvb tvb, int off, int end) {
        Vectors.Length v = Vectors.add(tree, tvb, off, end, ECH_CONFIGS_LEN, 4, 0xffff);
        if (!v.ok()) return end;
        off += 2;
        int next = off + v.length();
        while (off + 4 <= next) {
            int version = tvb.u16(off), len = tvb.u16(off + 2);
            ProtoNode cfg = tree.addValue(ECH_CONFIG, tvb, off, 4 + len, null,
                    String.format("ECHConfig (version 0x%04x, length %d)", version, len));
            cfg.add(ECH_CONFIG_VERSION, tvb, off, 2);
            off += 2;
            Vectors.Length l = Vectors.add(cfg, tvb, off, next, ECH_CONFIG_LEN, 0, 0xffff);
            off += 2;
            int cfgEnd = off + l.length();
            Tvb ct = tvb.slice(off, cfgEnd);
            if (version == 0xfe0d) {
                int at = contents(cfg, ct, off, cfgEnd);
                Vectors.end(cfg, ct, at, cfgEnd);
            } else {
                cfg.add(ECH_CONFIG_CONTENTS, ct, off, l.length());
            }
            off = cfgEnd;
            if (!l.ok()) return next;
        }
        if (!Vectors.end(tree, tvb, off, next)) off = next;
        return off;
    }

    private static int contents(ProtoNode cfg, Tvb tvb, int off, int end) {
        cfg.add(ECH_KEY_CONFIG_ID, tvb, off, 1);
        off++;
        cfg.add(ECH_KEM_ID, tvb, off, 2);
        off += 2;
        Vectors.Length pk = Vectors.add(cfg, tvb, off, end, ECH_PUBLIC_KEY_LEN, 1, 0xffff);
        if (!pk.ok()) return end;
        off += 2;
        cfg.add(ECH_PUBLIC_KEY, tvb, off, pk.length());
        off += pk.length();
        Vectors.Length cs = Vectors.add(cfg, tvb, off, end, ECH_CIPHER_SUITES_LEN, 4, 0xfffc);
        if (!cs.ok()) return end;
        off += 2;
        int csEnd = off + cs.length();
        while (off + 4 <= csEnd) off = cipherSuite(cfg, tvb, off);
        off = csEnd;
        cfg.add(ECH_MAX_NAME_LEN, tvb, off, 1);
        off++;
        Vectors.Length name = Vectors.add(cfg, tvb, off, end, ECH_PUBLIC_NAME_LEN, 1, 0xff);
        if (!name.ok()) return end;
        off++;
        cfg.add(ECH_PUBLIC_NAME, tvb, off, name.length());
        off += name.length();
        Vectors.Length ex = Vectors.add(cfg, tvb, off, end, ECH_CONFIG_EXTS_LEN, 0, 0xffff);
        if (!ex.ok()) return end;
        off += 2;
        if (ex.length() > 0) cfg.add(ECH_CONFIG_EXTS, tvb, off, ex.length());
        return off + ex.length();
    }
}
