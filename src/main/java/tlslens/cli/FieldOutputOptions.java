package tlslens.cli;

import java.util.List;

/** The -E settings of -T fields, parsed exactly as tshark's output_fields_set_option does. */
final class FieldOutputOptions {
    boolean bom;
    boolean header;
    char separator = '\t';
    /** 'a' all, 'f' first, 'l' last. */
    char occurrence = 'a';
    char aggregator = ',';
    /** 0 for none. */
    char quote;

    static final String HELP = String.join("\n",
            "The available options for field output \"E\" are:",
            "bom=y|n    Prepend output with the UTF-8 BOM (def: N: no)",
            "header=y|n    Print field abbreviations as first line of output (def: N: no)",
            "separator=/t|/s|<character>   Set the separator to use;",
            "     \"/t\" = tab, \"/s\" = space (def: /t: tab)",
            "occurrence=f|l|a  Select the occurrence of a field to use;",
            "     \"f\" = first, \"l\" = last, \"a\" = all (def: a: all)",
            "aggregator=,|/s|<character>   Set the aggregator to use;",
            "     \",\" = comma, \"/s\" = space (def: ,: comma)",
            "quote=d|s|n   Print either d: double-quotes, s: single quotes or ",
            "     n: no quotes around field values (def: n: none)");

    static FieldOutputOptions parse(List<String> options) throws UsageException {
        FieldOutputOptions o = new FieldOutputOptions();
        for (String opt : options) {
            if (!o.set(opt)) {
                int eq = opt.indexOf('=');
                String name = eq < 0 ? opt : opt.substring(0, eq);
                throw new UsageException("\"" + name + "\" is not a valid field output option=value pair.\n" + HELP);
            }
        }
        return o;
    }

    private boolean set(String option) {
        int eq = option.indexOf('=');
        if (eq <= 0 || eq == option.length() - 1) return false;
        String name = option.substring(0, eq);
        String value = option.substring(eq + 1);
        char v = value.charAt(0);
        switch (name) {
            case "header":
                if (v != 'y' && v != 'n') return false;
                header = v == 'y';
                return true;
            case "bom":
                if (v != 'y' && v != 'n') return false;
                bom = v == 'y';
                return true;
            case "separator":
                separator = v != '/' ? v : value.length() > 1 && value.charAt(1) == 't' ? '\t'
                        : value.length() > 1 && value.charAt(1) == 's' ? ' ' : '\\';
                return true;
            case "aggregator":
                aggregator = v != '/' ? v : value.length() > 1 && value.charAt(1) == 's' ? ' ' : '\\';
                return true;
            case "occurrence":
                if (v != 'a' && v != 'f' && v != 'l') return false;
                occurrence = v;
                return true;
            case "quote":
                switch (v) {
                    case 'd': quote = '"'; return true;
                    case 's': quote = '\''; return true;
                    case 'n': quote = 0; return true;
                    default: quote = 0; return false;
                }
            default:
                return false;
        }
    }
}
