package tlslens.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command line, with tshark's option names so that tshark command lines keep working.
 * Values are kept as typed; {@link Cli} checks them and words its errors like tshark.
 */
@Command(name = "tlslens", sortOptions = false, separator = " ",
        headerHeading = "", header = "TLS Lens: a TLS dissector with a tshark-compatible command line.",
        synopsisHeading = "%nUsage: ", customSynopsis = {"tlslens [options] -r FILE [FILTER]",
                "       tlslens [options] -i INTERFACE [-f CAPTURE_FILTER] [-w FILE]"},
        descriptionHeading = "%n", description = {
            "Without arguments, opens the TLS Lens window. Output is tshark's: one summary line per frame "
                    + "(default), the packet tree (-V, -O), field values (-T fields -e ...) or JSON (-T json)."},
        parameterListHeading = "%nArguments:%n",
        optionListHeading = "%nOptions:%n",
        footerHeading = "%n", footer = {
            "Exit status: 0 ok, 1 bad command line, 2 unreadable or truncated capture, bad display or capture "
                    + "filter, or a live capture that can't start (e.g. no permission).%n"})
final class CliOptions {
    // ---- input ------------------------------------------------------------------------------
    @Option(names = "-r", paramLabel = "FILE", description = "Read packets from FILE (pcap or pcapng).")
    String readFile;

    @Option(names = "-c", paramLabel = "COUNT", description = "Stop after COUNT frames (read or captured).")
    String count;

    // ---- live capture (LiveRun) -------------------------------------------------------------
    @Option(names = "-i", paramLabel = "INTERFACE",
            description = "Capture live on INTERFACE (a name or a number from -D) and print frames as they arrive.")
    String iface;

    @Option(names = "-f", paramLabel = "CAPTURE_FILTER",
            description = "Capture filter in libpcap syntax, e.g. \"tcp port 443\". With -i, words after the options "
                    + "form the capture filter too.")
    String captureFilter;

    @Option(names = "-a", paramLabel = "CONDITION",
            description = "Stop the capture after duration:SECONDS or packets:COUNT; repeatable.")
    List<String> autostop = new ArrayList<>();

    @Option(names = "-w", paramLabel = "FILE", description = "Save the captured packets to FILE (pcapng); without it "
            + "they go to tlslens_INTERFACE_TIME.pcapng in the temp directory.")
    String writeFile;

    @Option(names = "-P", description = "Print packet summaries even when writing to a file with -w.")
    boolean printWhileWriting;

    @Option(names = "-D", description = "List the interfaces TLS Lens can capture on, then exit.")
    boolean listInterfaces;

    // ---- processing -------------------------------------------------------------------------
    @Option(names = "-Y", paramLabel = "FILTER", description = "Display filter: print only the frames it matches.")
    String displayFilter;

    @Option(names = "-n", description = "No name resolution (accepted; addresses are never resolved).")
    boolean noNameResolution;

    @Option(names = "-d", paramLabel = "LAYER==SELECTOR,PROTOCOL",
            description = "Decode As (accepted and ignored: TLS is recognised by content, on any port).")
    List<String> decodeAs = new ArrayList<>();

    @Option(names = "-o", paramLabel = "NAME:VALUE",
            description = "Preference: tls.keylog_file:FILE (key log for decryption); tls.keys_list:IP,PORT,PROTOCOL,KEYFILE "
                    + "or uat:rsa_keys:\"KEYFILE\",\"PASSWORD\" (server RSA keys, PEM or PKCS#12, for RSA key exchange); "
                    + "tcp.* are accepted.")
    List<String> preferences = new ArrayList<>();

    @Option(names = "--keylog", paramLabel = "FILE",
            description = "Decrypt TLS with this NSS key log (SSLKEYLOGFILE); same as -o tls.keylog_file:FILE. "
                    + "Secrets embedded in a pcapng file are used too. With -i the file is watched for new keys.")
    String keylog;

    @Option(names = "--connections", description = "Instead of frames, print one summary per TCP connection "
            + "(TLS version, suite, handshake, resumption and which connection issued the session): JSON, "
            + "or a table with --format text. With a display filter, the connections with a matching frame.")
    boolean connections;

    @Option(names = "--key-schedule", description = "Instead of frames, print each TLS connection's key schedule "
            + "(RFC 8446 7.1, RFC 5246 6.3): the secrets, keys and IVs the key log gives or that follow from it, "
            + "and each Finished recomputed and checked.")
    boolean keySchedule;

    @Option(names = "--format", paramLabel = "text|json", description = "Output of --connections: json (default) or text.")
    String connectionsFormat;

    // ---- output -----------------------------------------------------------------------------
    @Option(names = "-V", description = "Print the packet tree of each frame.")
    boolean details;

    @Option(names = "--explain", description = "With -V or -O: under each TLS message, extension, record and lesson "
            + "field, what it is for and the RFC section defining it, and under each message what it means in its "
            + "connection (which connection issued the ticket it offers, ...): for handouts.")
    boolean explain;

    @Option(names = "-x", description = "Print a hex and ASCII dump of each frame's bytes (and of its reassembled, "
            + "decrypted and decompressed buffers) after the tree or alone.")
    boolean hexDump;

    @Option(names = "-O", paramLabel = "PROTOCOLS", split = ",",
            description = "Print the tree, expanded only for these protocols (e.g. -O tls).")
    List<String> onlyProtocols;

    @Option(names = "-T", paramLabel = "FORMAT", description = "Output format: text (default), tabs, fields, json.")
    String format;

    @Option(names = "-e", paramLabel = "FIELD", description = "A field to print with -T fields or -T json; repeatable.")
    List<String> fields = new ArrayList<>();

    @Option(names = "-E", paramLabel = "OPTION=VALUE",
            description = "-T fields settings: header=y|n, separator=/t|/s|C, occurrence=a|f|l, aggregator=,|/s|C, "
                    + "quote=d|s|n, bom=y|n.")
    List<String> fieldOptions = new ArrayList<>();

    @Option(names = "-G", arity = "0..1", paramLabel = "REPORT", fallbackValue = "fields",
            description = "List the fields (fields, default) or protocols (protocols) TLS Lens knows, then exit.")
    String glossary;

    // ---- issue 13: the lesson lab ------------------------------------------------------------
    @Option(names = "--lab", paramLabel = "OUT.pcapng", description = "Make a lesson capture: real TLS peers over "
            + "loopback (no capture privilege), full and resumed handshakes, keys embedded, and OUT.manifest.json "
            + "saying what really happened.")
    String lab;

    @Option(names = "--lab-scenarios", paramLabel = "LIST", description = "With --lab, these lessons (comma-separated; "
            + "default all): tls12-session-id, tls12-ticket, tls12-ems, tls12-refused, tls13-psk, tls13-hrr, "
            + "tls13-0rtt, pq-hybrid, rsa-vs-ecdhe.")
    String labScenarios;

    @Option(names = "--lab-rtt", paramLabel = "MS", description = "With --lab, timestamps as over a network with this "
            + "round-trip time (each flight arrives half of it later); default 0, as it happened on loopback.")
    Integer labRtt;

    @Option(names = "--lab-capture-lo", description = "With --lab, write the packets libpcap captures on loopback while "
            + "the peers talk (the kernel's segments and timing; needs the permission to capture) instead of frames "
            + "the lab builds from its relay's record. Not with --lab-rtt.")
    boolean labCaptureLo;

    @Option(names = {"-v", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help and exit.")
    boolean help;

    @Parameters(paramLabel = "FILTER", description = "With -r, words after the options form a display filter; "
            + "with -i, a capture filter.")
    List<String> trailing = new ArrayList<>();
}
