package tlslens.dissect.tls.names;

/**
 * TLS NamedGroup of supported_groups / key_share / ServerKeyExchange (IANA "TLS Supported Groups";
 * Wireshark ssl_extension_curves). Wireshark 4.0 names the Open Quantum Safe codes 0x0200-0x0246 and 0x2f00-0x2f46;
 * IANA has since given 0x0200-0x0202 to ML-KEM: {@link #ianaName} gives those names.
 *
 * <p>Entries marked {@code *} are not in tshark 4.0's table: {@link #wiresharkName} returns null
 * for them, as tshark prints "Unknown" there.
 */
public final class NamedGroups {
    static final NameTable TABLE = NameTable.parse(2, true, true, """
            0x0001 sect163k1
            0x0002 sect163r1
            0x0003 sect163r2
            0x0004 sect193r1
            0x0005 sect193r2
            0x0006 sect233k1
            0x0007 sect233r1
            0x0008 sect239k1
            0x0009 sect283k1
            0x000a sect283r1
            0x000b sect409k1
            0x000c sect409r1
            0x000d sect571k1
            0x000e sect571r1
            0x000f secp160k1
            0x0010 secp160r1
            0x0011 secp160r2
            0x0012 secp192k1
            0x0013 secp192r1
            0x0014 secp224k1
            0x0015 secp224r1
            0x0016 secp256k1
            0x0017 secp256r1
            0x0018 secp384r1
            0x0019 secp521r1
            0x001a brainpoolP256r1
            0x001b brainpoolP384r1
            0x001c brainpoolP512r1
            0x001d x25519
            0x001e x448
            *0x001f brainpoolP256r1tls13
            *0x0020 brainpoolP384r1tls13
            *0x0021 brainpoolP512r1tls13
            *0x0022 GC256A
            *0x0023 GC256B
            *0x0024 GC256C
            *0x0025 GC256D
            *0x0026 GC512A
            *0x0027 GC512B
            *0x0028 GC512C
            0x0029 curveSM2
            0x0100 ffdhe2048
            0x0101 ffdhe3072
            0x0102 ffdhe4096
            0x0103 ffdhe6144
            0x0104 ffdhe8192
            0x0200 frodo640aes
            0x0201 frodo640shake
            0x0202 frodo976aes
            0x0203 frodo976shake
            0x0204 frodo1344aes
            0x0205 frodo1344shake
            0x0214 ntru_hps2048509
            0x0215 ntru_hps2048677
            0x0216 ntru_hps4096821
            0x0217 ntru_hrss701
            0x0218 lightsaber
            0x0219 saber
            0x021a firesaber
            0x021b sidhp434
            0x021c sidhp503
            0x021d sidhp610
            0x021e sidhp751
            0x021f sikep434
            0x0220 sikep503
            0x0221 sikep610
            0x0222 sikep751
            0x022c hqc128
            0x022d hqc192
            0x022e hqc256
            0x022f ntrulpr653
            0x0230 ntrulpr761
            0x0231 ntrulpr857
            0x0232 sntrup653
            0x0233 sntrup761
            0x0234 sntrup857
            0x0238 bikel1
            0x023a kyber512
            0x023b bikel3
            0x023c kyber768
            0x023d kyber1024
            0x023e kyber90s512
            0x023f kyber90s768
            0x0240 kyber90s1024
            0x0241 ntrulpr1277
            0x0242 sntrup1277
            0x0245 ntru_hps40961229
            0x0246 ntru_hrss1373
            *0x11eb SecP256r1MLKEM768
            *0x11ec X25519MLKEM768
            *0x11ed SecP384r1MLKEM1024
            0x2f00 p256_frodo640aes
            0x2f01 p256_frodo640shake
            0x2f02 p384_frodo976aes
            0x2f03 p384_frodo976shake
            0x2f04 p521_frodo1344aes
            0x2f05 p521_frodo1344shake
            0x2f14 p256_ntru_hps2048509
            0x2f15 p384_ntru_hps2048677
            0x2f16 p521_ntru_hps4096821
            0x2f17 p384_ntru_hrss701
            0x2f18 p256_lightsaber
            0x2f19 p384_saber
            0x2f1a p521_firesaber
            0x2f1b p256_sidhp434
            0x2f1c p256_sidhp503
            0x2f1d p384_sidhp610
            0x2f1e p521_sidhp751
            0x2f1f p256_sikep434
            0x2f20 p256_sikep503
            0x2f21 p384_sikep610
            0x2f22 p521_sikep751
            0x2f2c p256_hqc128
            0x2f2d p384_hqc192
            0x2f2e p521_hqc256
            0x2f2f p256_ntrulpr653
            0x2f31 p384_ntrulpr857
            0x2f32 p256_sntrup653
            0x2f34 p384_sntrup857
            0x2f38 p256_bikel1
            0x2f3a p256_kyber512
            0x2f3b p384_bikel3
            0x2f3c p384_kyber768
            0x2f3d p521_kyber1024
            0x2f3e p256_kyber90s512
            0x2f3f p384_kyber90s768
            0x2f40 p521_kyber90s1024
            0x2f41 p521_ntrulpr1277
            0x2f42 p521_sntrup1277
            0x2f43 p256_ntrulpr761
            0x2f44 p256_sntrup761
            0x2f45 p521_ntru_hps40961229
            0x2f46 p521_ntru_hrss1373
            *0x6399 X25519Kyber768Draft00
            *0x639a SecP256r1Kyber768Draft00
            0xff01 arbitrary_explicit_prime_curves
            0xff02 arbitrary_explicit_char2_curves
            # IANA names where tshark 4.0 gives the code to something else
            =0x0200 MLKEM512
            =0x0201 MLKEM768
            =0x0202 MLKEM1024
            """);

    private NamedGroups() {}

    /** The name of {@code code}, or null when it is not assigned. */
    public static String name(long code) { return TABLE.name(code); }

    /** The name tshark 4.0 shows, or null where it shows "Unknown". */
    public static String wiresharkName(long code) { return TABLE.wiresharkName(code); }

    /** The name, or "Unknown (0x..)" with the code in hex. */
    public static String nameOrUnknown(long code) { return TABLE.nameOrUnknown(code); }

    /** IANA's name where it differs from Wireshark 4.0's assignment of the code, else {@link #name}. */
    public static String ianaName(long code) { return TABLE.ianaName(code); }
}
