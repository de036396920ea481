package tlslens.dissect.x509;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Names of Certificate Transparency logs by log ID, as tshark 4.0 prints them ("Google 'Argon2021'
 * log"). Only logs seen in real captures are listed; any other ID is an "Unknown Log", as in tshark
 * when its own table lacks the ID.
 */
final class CtLogs {
    private static final Map<String, String> NAMES = new HashMap<>();

    static {
        String[][] table = {
                {"2979bef09e393921f056739f63a577e5be577d9c600af8f94d5d265c255dc784", "Google 'Argon2022' log"},
                {"35cf191bbfb16c57bf0fad4c6d42cbbbb627202651ea3fe12aefa803c33bd64c", "DigiCert Yeti2023 Log"},
                {"41c8cab1df22464a10c6a13a0942875e4e318b1b03ebeb4bc768f090629606f6", "Cloudflare 'Nimbus2022' Log"},
                {"4494652eb0eeceafc44007d8a8fe28c0dae682bed8cb31b53fd33396b5b681a8", "Cloudflare 'Nimbus2021' Log"},
                {"46a555eb75fa912030b5a28969f4f37d112c4174befd49b885abf2fc70fe6d47", "Google 'Xenon2022' log"},
                {"48b0e36bdaa647340fe56a02fa9d30eb1c5201cb56dd2c81d9bbbfab39d88473", "DigiCert Yeti2024 Log"},
                {"51a3b0f5fd01799c566db837788f0ca47acc1b27cbf79e88429a0dfed48b05e5", "DigiCert Nessie2022 Log"},
                {"5614069a2fd7c2ecd3f5e1bd44b23ec74676b9bc99115cc0ef949855d689d0dd", "DigiCert Log Server"},
                {"5cdc4392fee6ab4544b15e9ad456e61037fbd5fa47dca17394b25ee6f6c70eca", "DigiCert Yeti2021 Log"},
                {"6f5376ac31f03119d89900a45115ff77151c11d902c10029068db2089a37d913", "Sectigo 'Mammoth' CT log"},
                {"73d99e891b4c9678a0207d479de6b2c61cd0515e71192a8c6b80107ac17772b5", "DigiCert Nessie2024 Log"},
                {"76ff883f0ab6fb9551c261ccf587ba34b4a4cdbb29dc68420a9fe6674c5a3a74", "Google 'Xenon2024' log"},
                {"7a328c54d8b72db620ea38e0521ee98416703213854d3bd22bc13a57a352eb52", "Cloudflare 'Nimbus2023' Log"},
                {"a4b90990b418581487bb13a2cc67700a3c359804f91bdfb8e377cd0ec80ddc10", "Google 'Pilot' log"},
                {"b3737707e18450f86386d605a9dc11094a792db1670c0b87dcf0030e7936a59a", "DigiCert Nessie2023 Log"},
                {"b73efb24df9c4dba75f239c5ba58f46c5dfc42cf7a9f35c49e1d098125edb499", "Let's Encrypt 'Oak2023' log"},
                {"bbd9dfbc1f8a71b593942397aa927b473857950aab52e81a909664368e1ed185", "Google 'Skydiver' log"},
                {"dab6bf6b3fb5b6229f9bc2bb5c6be87091716cbb51848534bda43d3048d7fbab", "Cloudflare 'Nimbus2024' Log"},
                {"dfa55eab68824f1f6cadeeb85f4e3e5aeacda212a46a5e8e3b12c020445c2a73", "Let's Encrypt 'Oak2022' log"},
                {"e83ed0da3ef5063532e75728bc896bc903d3cbd1116beceb69e1777d6d06bd6e", "Google 'Argon2023' log"},
                {"ee4bbdb775ce60bae142691fabe19e66a30f7e5fb072d88300c47b897aa8fdcb", "Google 'Rocketeer' log"},
                {"eecdd064d5db1acec55cb79db4cd13a23287467cbcecdec351485946711fb59b", "Google 'Argon2024' log"},
                {"f65c942fd1773022145418083094568ee34d131933bfdf0c2f200bcc4ef164e3", "Google 'Argon2021' log"},
        };
        for (String[] e : table) NAMES.put(e[0], e[1]);
    }

    private CtLogs() {}

    static String name(byte[] logId) {
        String n = NAMES.get(HexFormat.of().formatHex(logId));
        return n != null ? n : "Unknown Log";
    }
}
