package tlslens.dissect.tls.decrypt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Reads the key files of Wireshark's RSA keys list: PEM ("RSA PRIVATE KEY", PKCS#1, or
 * "PRIVATE KEY", PKCS#8, unencrypted, as Wireshark takes them) or PKCS#12 (.p12 / .pfx, with its
 * password). A file that gives no RSA key is an {@link RsaKeyException} that says why (wrong
 * password, an EC key, an encrypted PEM key...), never anything else. Files over 1 MiB are refused.
 */
public final class RsaKeyFile {
    private static final long MAX_BYTES = 1 << 20;
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private RsaKeyFile() {}

    /** The RSA private keys in {@code file}; {@code password} is for PKCS#12 (null or "" for none). */
    public static List<RsaServerKey> read(Path file, String password) throws RsaKeyException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] data;
        try {
            if (Files.size(file) > MAX_BYTES) throw new RsaKeyException(name + " is too large for a key file");
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RsaKeyException("Can't read the RSA key file " + name + " ("
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getClass().getSimpleName()) + ")");
        }
        return parse(data, password, name);
    }

    /** As {@link #read}, from the file's bytes; {@code source} names it. */
    public static List<RsaServerKey> parse(byte[] data, String password, String source) throws RsaKeyException {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        if (text.contains("-----BEGIN ")) return pem(text, source);
        return pkcs12(data, password, source);
    }

    private static List<RsaServerKey> pem(String text, String source) throws RsaKeyException {
        List<RsaServerKey> keys = new ArrayList<>();
        String other = null;
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            String body = m.group(2);
            switch (type) {
                case "RSA PRIVATE KEY" -> {
                    if (body.contains("ENCRYPTED")) {
                        throw new RsaKeyException(source + " holds an encrypted PEM key, which Wireshark does not take either: "
                                + "use a PKCS#12 file with its password, or the key without encryption");
                    }
                    keys.add(new RsaServerKey(pkcs1(base64(body, source), source), source));
                }
                case "PRIVATE KEY" -> keys.add(new RsaServerKey(pkcs8(base64(body, source), source), source));
                case "ENCRYPTED PRIVATE KEY" -> throw new RsaKeyException(source + " holds an encrypted PKCS#8 key, which "
                        + "Wireshark does not take either: use a PKCS#12 file with its password, or the key without encryption");
                case "EC PRIVATE KEY" -> other = "an EC private key";
                case "DSA PRIVATE KEY" -> other = "a DSA private key";
                case "CERTIFICATE", "TRUSTED CERTIFICATE" -> { if (other == null) other = "a certificate (public key only)"; }
                default -> { if (other == null) other = "a \"" + type + "\" block"; }
            }
        }
        if (keys.isEmpty()) {
            throw new RsaKeyException(source + " holds no RSA private key" + (other == null ? "" : ", only " + other)
                    + (other != null && other.startsWith("an EC") ? ": EC keys only sign (ECDHE/ECDSA), they never decrypt "
                    + "a key exchange" : ""));
        }
        return Collections.unmodifiableList(keys);
    }

    private static byte[] base64(String body, String source) throws RsaKeyException {
        StringBuilder sb = new StringBuilder();
        for (String line : body.split("\r?\n")) {
            if (line.contains(":")) continue; // RFC 1421 headers (Proc-Type, DEK-Info)
            sb.append(line.strip());
        }
        try {
            return Base64.getMimeDecoder().decode(sb.toString());
        } catch (IllegalArgumentException e) {
            throw new RsaKeyException(source + " is not valid PEM (bad base64)");
        }
    }

    /** RFC 8017 A.1.2 RSAPrivateKey. */
    private static RSAPrivateKey pkcs1(byte[] der, String source) throws RsaKeyException {
        try {
            org.bouncycastle.asn1.pkcs.RSAPrivateKey k = org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(der);
            RSAPrivateCrtKeySpec spec = new RSAPrivateCrtKeySpec(k.getModulus(), k.getPublicExponent(),
                    k.getPrivateExponent(), k.getPrime1(), k.getPrime2(), k.getExponent1(), k.getExponent2(),
                    k.getCoefficient());
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new RsaKeyException(source + " holds a damaged RSA PRIVATE KEY block");
        }
    }

    /** RFC 5208 PrivateKeyInfo: only rsaEncryption keys are of use. */
    private static RSAPrivateKey pkcs8(byte[] der, String source) throws RsaKeyException {
        ASN1ObjectIdentifier alg;
        try {
            alg = PrivateKeyInfo.getInstance(der).getPrivateKeyAlgorithm().getAlgorithm();
        } catch (RuntimeException e) {
            throw new RsaKeyException(source + " holds a damaged PRIVATE KEY block");
        }
        if (!PKCSObjectIdentifiers.rsaEncryption.equals(alg)) {
            throw new RsaKeyException(source + " holds " + kind(alg) + ", not an RSA key: only an RSA key can decrypt "
                    + "an RSA key exchange");
        }
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new RsaKeyException(source + " holds a damaged RSA key");
        }
    }

    private static String kind(ASN1ObjectIdentifier alg) {
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(alg)) return "an EC private key";
        if (X9ObjectIdentifiers.id_dsa.equals(alg)) return "a DSA private key";
        if ("1.3.101.112".equals(alg.getId())) return "an Ed25519 private key";
        if ("1.2.840.113549.1.1.10".equals(alg.getId())) return "an RSASSA-PSS key (signing only)";
        return "a private key of algorithm " + alg.getId();
    }

    private static List<RsaServerKey> pkcs12(byte[] data, String password, String source) throws RsaKeyException {
        if (data.length < 2 || data[0] != 0x30) {
            throw new RsaKeyException(source + " is neither a PEM key nor a PKCS#12 file");
        }
        char[] pw = password == null ? new char[0] : password.toCharArray();
        KeyStore ks;
        try {
            ks = KeyStore.getInstance("PKCS12");
            ks.load(new ByteArrayInputStream(data), pw);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new RsaKeyException((password == null || password.isEmpty() ? "A password is needed for "
                        : "Wrong password for ") + "the PKCS#12 file " + source);
            }
            throw new RsaKeyException(source + " is neither a PEM key nor a readable PKCS#12 file");
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new RsaKeyException(source + " is neither a PEM key nor a readable PKCS#12 file");
        }
        List<RsaServerKey> keys = new ArrayList<>();
        String other = null;
        try {
            for (String alias : Collections.list(ks.aliases())) {
                if (!ks.isKeyEntry(alias)) continue;
                Key k = ks.getKey(alias, pw);
                if (k instanceof RSAPrivateKey rsa) keys.add(new RsaServerKey(rsa, source));
                else if (k instanceof PrivateKey p) other = "a " + p.getAlgorithm() + " private key";
            }
        } catch (UnrecoverableKeyException e) {
            throw new RsaKeyException("Wrong password for the key in the PKCS#12 file " + source);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new RsaKeyException("Can't read the keys of the PKCS#12 file " + source + " (" + e.getClass().getSimpleName() + ")");
        }
        if (keys.isEmpty()) {
            throw new RsaKeyException("The PKCS#12 file " + source + " holds no RSA private key"
                    + (other == null ? "" : ", only " + other));
        }
        return Collections.unmodifiableList(keys);
    }
}
