package tlslens.dissect.tls.names;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Certificate Transparency logs by LogID (SHA-256 of the log's key), with the names tshark 4.0
 * prints after "Signed Certificate Timestamp" (Wireshark's ct_logids, generated from Google's log
 * list, plus the 2024 shards that tshark 4.0.17 names).
 */
public final class CtLogs {
    private static final String TABLE = """
            fad4c97cc49ee2f8ac85c5ea5cea09d0220dbbf4e49c6b50662ff868f86b8c28 Google 'Argon2017' log
            a4501269055a15545e6211ab37bc103f62ae5576a45e4b1714453e1b22106a25 Google 'Argon2018' log
            63f2dbcde83bcc2ccf0b728427576b33a48d61778fbd75a638b1c768544bd88d Google 'Argon2019' log
            b21e05cc8ba2cd8a204e8766f92bb98a2520676bdafa70e7b249532def8b905e Google 'Argon2020' log
            f65c942fd1773022145418083094568ee34d131933bfdf0c2f200bcc4ef164e3 Google 'Argon2021' log
            2979bef09e393921f056739f63a577e5be577d9c600af8f94d5d265c255dc784 Google 'Argon2022' log
            e83ed0da3ef5063532e75728bc896bc903d3cbd1116beceb69e1777d6d06bd6e Google 'Argon2023' log
            b10cd559a6d67846811f7df9a51532739ac48d703bea0323da5d38755bc0ad4e Google 'Xenon2018' log
            084114980071532c16190460bcfc47fdc2653afa292c72b37ff863ae29ccc9f0 Google 'Xenon2019' log
            07b75c1be57d68fff1b0c61d2315c7bae6577c5794b76aeebc613a1a69d3a21c Google 'Xenon2020' log
            7d3ef2f88fff88556824c2c0ca9e5289792bc50e78097f2e6a9768997e22f0d7 Google 'Xenon2021' log
            46a555eb75fa912030b5a28969f4f37d112c4174befd49b885abf2fc70fe6d47 Google 'Xenon2022' log
            adf7befa7cff10c88b9d3d9c1e3e186ab467295dcfb10c24ca858634ebdc828a Google 'Xenon2023' log
            68f698f81f6482be3a8ceeb9281d4cfc71515d6793d444d10a67acbb4f4ffbc4 Google 'Aviator' log
            293c519654c83965baaa50fc5807d4b76fbf587a2972dca4c30cf4e54547f478 Google 'Icarus' log
            a4b90990b418581487bb13a2cc67700a3c359804f91bdfb8e377cd0ec80ddc10 Google 'Pilot' log
            ee4bbdb775ce60bae142691fabe19e66a30f7e5fb072d88300c47b897aa8fdcb Google 'Rocketeer' log
            bbd9dfbc1f8a71b593942397aa927b473857950aab52e81a909664368e1ed185 Google 'Skydiver' log
            a899d8780c9290aaf462f31880ccfbd52451e970d0fbf591ef75b0d99b645681 Google 'Submariner' log
            1d024b8eb1498b344dfd87ea3efc0996f7506f235d1d497061a4773c439c25fb Google 'Daedalus' log
            b0cc83e5a5f97d6baf7c09cc284904872ac7e88b132c6350b7c6fd26e16c6c77 Google 'Testtube' log
            c3bf03a7e1ca8841c607bae3ff4270fca5ec45b186ebbe4e2cf3fc778630f5f6 Google 'Crucible' log
            52eb4b225ec896974850675f23e43bc1d021e3214ce52ecd5fa87c203cdfca03 Google 'Solera2018' log
            0b760e9a8b9a682f88985b15e947501a56446bba8830785c3842994386450c00 Google 'Solera2019' log
            1fc72ce5a1b799f400c359bff96ca3913548e8644220610952e9ba1774f7bac7 Google 'Solera2020' log
            a3c99845e80ab7ce00157b3742df0207dd272b2b602ecf98ee2c12db9c5ae7e7 Google 'Solera2021' log
            697aafca1a6b536fae21205046debad7e0eaea13d2432e6e9d8fb379f2b9aaf3 Google 'Solera2022' log
            f97e97b8d33ef7a15902a53a19e17990e5dc406a031825baad93e98f9b9c69cb Google 'Solera2023' log
            1fbc36e002ede97f40199e86b3573b8a4217d80187746ad0da03a06054d20df4 Cloudflare 'Nimbus2017' Log
            db74afeecb29ecb1feca3e716d2ce5b9aabb36f7847183c75d9d4f37b61fbf64 Cloudflare 'Nimbus2018' Log
            747eda8331ad331091219cce254f4270c2bffd5e422008c6373579e6107bcc56 Cloudflare 'Nimbus2019' Log
            5ea773f9df56c0e7b536487dd049e0327a919a0c84a112128418759681714558 Cloudflare 'Nimbus2020' Log
            4494652eb0eeceafc44007d8a8fe28c0dae682bed8cb31b53fd33396b5b681a8 Cloudflare 'Nimbus2021' Log
            41c8cab1df22464a10c6a13a0942875e4e318b1b03ebeb4bc768f090629606f6 Cloudflare 'Nimbus2022' Log
            7a328c54d8b72db620ea38e0521ee98416703213854d3bd22bc13a57a352eb52 Cloudflare 'Nimbus2023' Log
            5614069a2fd7c2ecd3f5e1bd44b23ec74676b9bc99115cc0ef949855d689d0dd DigiCert Log Server
            8775bfe7597cf88c43995fbdf36eff568d475636ff4ab560c1b4eaff5ea0830f DigiCert Log Server 2
            c1164ae0a772d2d4392dc80ac10770d4f0c49bde991a4840c1fa075164f63360 DigiCert Yeti2018 Log
            e2694bae26e8e94009e8861bb63b83d43ee7fe7488fba48f2893019dddf1dbfe DigiCert Yeti2019 Log
            f095a459f200d18240102d2f93888ead4bfe1d47e399e1d034a6b0a8aa8eb273 DigiCert Yeti2020 Log
            5cdc4392fee6ab4544b15e9ad456e61037fbd5fa47dca17394b25ee6f6c70eca DigiCert Yeti2021 Log
            2245450759552456963fa12ff1f76d86e0232663adc04b7f5dc6835c6ee20f02 DigiCert Yeti2022 Log
            059c01d320e00784139580498d117c903266afaf7250b5af3b46a43e11840d4a DigiCert Yeti2022-2 Log
            35cf191bbfb16c57bf0fad4c6d42cbbbb627202651ea3fe12aefa803c33bd64c DigiCert Yeti2023 Log
            6ff141b5647e4222f7ef052cefae7c21fd608e27d2af5a6e9f4b8a37d6633ee5 DigiCert Nessie2018 Log
            fe446108b1d01ab78a62ccfeab6ab2b2babff3abdad80a4d8b30df2d0008830c DigiCert Nessie2019 Log
            c652a0ec48ceb3fcab170992c43a87413309e80065a26252401ba3362a17c565 DigiCert Nessie2020 Log
            eec095ee8d72640f92e3c3b91bc712a3696a097b4b6a1a1438e647b2cbedc5f9 DigiCert Nessie2021 Log
            51a3b0f5fd01799c566db837788f0ca47acc1b27cbf79e88429a0dfed48b05e5 DigiCert Nessie2022 Log
            b3737707e18450f86386d605a9dc11094a792db1670c0b87dcf0030e7936a59a DigiCert Nessie2023 Log
            ddeb1d2b7a0d4fa6208b81ad8168707e2e8e9d01d55c888d3d11c4cdb6ecbecc Symantec log
            bc78e1dfc5f63c684649334da10fa15f0979692009c081b4f3f6917f3ed9b8a5 Symantec 'Vega' log
            a7ce4a4e6207e0addee5fdaa4b1f86768767b5d002a55d47310e7e670a95eab2 Symantec Deneb
            15970488d7b997a05beb52512adee8d2e8b4a3165264121a9fabfbd5f85ad93f Symantec 'Sirius' log
            cdb5179b7fc1c046feea31136a3f8f002e6182faf8896fecc8b2f5b5ab604900 Certly.IO log
            7461b4a09cfb3d41d75159575b2e7649a445a8d27709b0cc564a6482b7eb41a3 Izenpe log
            8941449c70742e06b9fc9ce7b116ba0024aa36d59af44f0204404f00f7ea8566 Izenpe 'Argi' log
            9e4ff73dc3ce220b69217c899e468076abf8d78636d5ccfc85a31a75628ba88b WoSign CT log #1
            41b2dc2e89e63ce4af1ba7bb29bf68c6dee6f9f1cc047e30dffae3b3ba259263 WoSign log
            63d0006026dde10bb0601f452446965ee2b6ea2cd4fbc95ac866a550af9075b7 WoSign log 2
            c9cf890a21109c666cc17a3ed065c930d0e0135a9feba85af14210b8072421aa GDCA CT log #1
            924a30f909336ff435d6993a10ac75a2c641728e7fc2d659ae6188ffad40ce01 GDCA CT log #2
            717ea7420975be84a2723553f1777c26dd51af4e102144094d9019b462fb6668 GDCA Log 1
            14308d90ccd030135005c01ca526d81e84e87624e39b6248e08f724aea3bb42a GDCA Log 2
            db76fdadac65e7d09508886e2159bd8b90352f5fead3e3dc5e22eb350acc7b98 Sectigo 'Dodo' CT log
            5581d4c2169036014aea0b9b573c53f0c0e43878702508172fa3aa1d0713d30c Sectigo 'Sabre' CT log
            6f5376ac31f03119d89900a45115ff77151c11d902c10029068db2089a37d913 Sectigo 'Mammoth' CT log
            ac3b9aed7fa9674757159e6d7d575672f9d98100941e9bdeffeca1313b75782d Venafi log
            03019df3fd85a69a8ebd1facc6da9ba73e469774fe77f579fc5a08b8328c1d6b Venafi Gen2 CT log
            a577ac9ced7548dd8f025b67a241089df86e0f476ec203c2ecbedb185f282638 CNNIC CT log
            34bb6ad6c3df9c03eea8a499ff7891486c9d5e5cac92d01f7bfd1bce19db48ef StartCom log
            e0127629e90496564e3d0147984498aa48f8adb16600eb7902a1ef9909906273 PuChuangSiDa CT log
            537b69a3564335a9c04904e39593b2c298eb8d7a6e83023635c627248cd6b440 Nordu 'flimsy' log
            aae70b7f3cb8d566c86c2f16979c9f445f69ab0eb4535589b2f77a030104f3cd Nordu 'plausible' log
            cf55e28923497c340d5206d05353aeb25834b52f1f8dc9526809f212efdd7ca6 SHECA CT log 1
            32dc59c2d4c41968d56e14bc61ac8f0e45db39faf3c155aa4252f5001fa0c623 SHECA CT log 2
            9606c02c690033aa1d145f59c6e2648d0549f0df96aab8db915a70d8ecf390a5 Akamai CT Log
            39376f545f7b4607f59742d768cd5d2437bf3473b6534a4834bcf72e681c83c9 Alpha CT Log
            659b3350f43b12cc5ea5ab4ec765d3fde6c88243777778e72003f9eb2b8c3129 Let's Encrypt 'Oak2019' log
            e712f2b0377e1a62fb8ec90c6184f1ea7b37cb561d11265bf3e0f34bf241546e Let's Encrypt 'Oak2020' log
            9420bc1e8ed58d6c88731f828b222c0dd1da4d5e6c4f943d61db4e2f584da2c2 Let's Encrypt 'Oak2021' log
            dfa55eab68824f1f6cadeeb85f4e3e5aeacda212a46a5e8e3b12c020445c2a73 Let's Encrypt 'Oak2022' log
            b73efb24df9c4dba75f239c5ba58f46c5dfc42cf7a9f35c49e1d098125edb499 Let's Encrypt 'Oak2023' log
            849f5f7f58d2bf7b54ecbd74611cea45c49c98f1d6481bc6f69e8c174f24f3cf Let's Encrypt 'Testflume2019' log
            c63f2218c37d56a6aa06b596da8e53d4d7156d1e9bac8e44d2202de64d69d9dc Let's Encrypt 'Testflume2020' log
            03edf1da9776b6f38c341e39ed9d707a7570369cf9844f327fe9e14138361b60 Let's Encrypt 'Testflume2021' log
            2327efda352510dbc019ef491ae3ff1cc5a479bce37878360ee318cffb64f8c8 Let's Encrypt 'Testflume2022' log
            5534b7ab5a6ac3a7cbeba65487b2a2d71b48f650fa17c5197c97a0cb2076f3c6 Let's Encrypt 'Testflume2023' log
            296afa2d568bca0d2ea844956ae9721fc35fa355ecda99693aafd458a71aefdd Let's Encrypt 'Clicky' log
            b0b784bc81c0ddc47544e883f05985bb9077d134d8ab88b2b2e533980b8e508b Up In The Air 'Behind the Sofa' log
            4744477c75de426d5c44efd4a92c9677597f657a8fe0cadbc6d616eda497c425 Qihoo 360 2020
            c6d7ed9edb8e74f0a71b4d4a984bcbebabbd28cc1fd76329e88726cd4c254663 Qihoo 360 2021
            663cb09c1fcd9baa62763ccb534eec805812280507ac69a45fcd38cf4cc74cf1 Qihoo 360 2022
            e2647f6eda340503c64d4e10a869681fde9c5a2cf3b32d5f200b963605908823 Qihoo 360 2023
            c5cfe54b6151b49b142ed263bde73293363799799550ae4435cd1a6997c9c3c3 Qihoo 360 v1 2020
            4814587cf28b08fe683fd2bcd945994c2eb74c8ae8c87fce429b7cd31d51bdc4 Qihoo 360 v1 2021
            4911b8d614cfd3d99f16d376545ee1b8ccfc511f509f080ba0a087d91dfaeea9 Qihoo 360 v1 2022
            b6740b12002e033fd0e7e941f4ba3ee1bfc149b524b4cf628d53efea1f403a8d Qihoo 360 v1 2023
            45359498d93a89e0280308d37d626dc423754758dce0370036fbab0edf8a6bcf Trust Asia Log1
            a595943b5370bee906e0050d1fb5bbc6a40e65f265ae852c76363fadb23336ed Trust Asia Log2020
            a8dc52f63d6b2425e531e37cf4e44a714f142a20803b0d04d2e2ee0664794a23 Trust Asia CT2021
            678db65b3e7443b6f3a370d5e13ab1b43be0a0d351f7ca742250c7c6fa51a88a Trust Asia Log2021
            c365f9b3654f3283c79da98e93d7418f5bab7be3252c98e1d2f04bb9eb427d23 Trust Asia Log2022
            e87ea7660bc26cf6002ef5725d3fe0e331b9393bb92fbf58eb3b9049daf5435a Trust Asia Log2023
            eecdd064d5db1acec55cb79db4cd13a23287467cbcecdec351485946711fb59b Google 'Argon2024' log
            76ff883f0ab6fb9551c261ccf587ba34b4a4cdbb29dc68420a9fe6674c5a3a74 Google 'Xenon2024' log
            dab6bf6b3fb5b6229f9bc2bb5c6be87091716cbb51848534bda43d3048d7fbab Cloudflare 'Nimbus2024' Log
            48b0e36bdaa647340fe56a02fa9d30eb1c5201cb56dd2c81d9bbbfab39d88473 DigiCert Yeti2024 Log
            73d99e891b4c9678a0207d479de6b2c61cd0515e71192a8c6b80107ac17772b5 DigiCert Nessie2024 Log
            """;
    private static final Map<String, String> BY_ID = new HashMap<>();

    static {
        for (String line : TABLE.split("\n")) {
            String l = line.strip();
            if (l.isEmpty()) continue;
            int sp = l.indexOf(' ');
            BY_ID.put(l.substring(0, sp), l.substring(sp + 1));
        }
    }

    private CtLogs() {}

    /** The log's name, or null when the 32-byte id is not a known log. */
    public static String name(byte[] logId) {
        return logId == null || logId.length != 32 ? null : BY_ID.get(HexFormat.of().formatHex(logId));
    }

    /** The name, or "Unknown Log" as tshark says. */
    public static String nameOrUnknown(byte[] logId) {
        String n = name(logId);
        return n != null ? n : "Unknown Log";
    }
}
