package tlslens.dissect.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Bad filters: tshark 4.0's message and the position (and length) of the part it underlines. */
class FilterErrorTest {
    static {
        // Registers the fltest.* fields.
        TestFields.PROTO.toString();
    }

    private static FilterException fail(String filter) {
        return assertThrows(FilterException.class, () -> DisplayFilter.compile(filter), filter);
    }

    private static void error(String filter, int pos, int len, String message) {
        FilterException e = fail(filter);
        assertEquals(message, e.getMessage(), filter);
        assertEquals(pos, e.position(), filter + ": position");
        assertEquals(len, e.length(), filter + ": length");
    }

    private static final String END = "Unexpected end of filter expression.";

    @Test
    void unknownNames() {
        error("fltest.foo", 0, 10, "fltest.foo is neither a field nor a protocol name.");
        error("fltest && nosuch.proto", 10, 12, "nosuch.proto is neither a field nor a protocol name.");
        error("abc", 0, 3, "abc is neither a field nor a protocol name.");
        error("\"abc\"", 0, 5, "\"abc\" is neither a field nor a protocol name.");
        error("fltest.foo == 1", 0, 10, "Left side of \"==\" expression must be a field or function, not fltest.foo.");
        error("fltest.foo contains 1", 0, 10, "Left side of contains expression must be a field or function, not fltest.foo.");
        error("1 == fltest.u16", 0, 1, "Left side of \"==\" expression must be a field or function, not 1.");
        error("abc[0] == 1", 0, 3, "Range is not supported for entity abc");
        error("abc in {1}", 0, 3, "Only a field may be tested for membership in a set.");
    }

    @Test
    void syntax() {
        error("fltest &&", 9, 0, END);
        error("(fltest", 7, 0, END);
        error("!", 1, 0, END);
        error("fltest.u8 ==", 12, 0, END);
        error("fltest.u16 in {443", 18, 0, END);
        error("fltest)", 6, 1, "\")\" was unexpected in this context.");
        error("()", 1, 1, "\")\" was unexpected in this context.");
        error("fltest.u16 == 443 fltest", 18, 6, "\"fltest\" was unexpected in this context.");
        error("fltest.u16 = 443", 11, 1, "\"=\" was unexpected in this context.");
        error("fltest.u16 == == 443", 14, 2, "\"==\" was unexpected in this context.");
        error("fltest and or fltest", 11, 2, "\"or\" was unexpected in this context.");
        error("fltest AND fltest", 7, 3, "\"AND\" was unexpected in this context.");
        error("fltest | fltest", 7, 1, "\"|\" was unexpected in this context.");
        error("fltest..u8", 6, 2, "\"..\" was unexpected in this context.");
        error("contains", 0, 8, "\"contains\" was unexpected in this context.");
        error("fltest.u16 in {1 2}", 17, 1, "\"2\" was unexpected in this context.");
        error("fltest.u16 in {}", 15, 1, "\"}\" was unexpected in this context.");
        error("fltest.u16 in {1..2..3}", 19, 2, "\"..\" was unexpected in this context.");
        error("fltest.u16 in 443", 14, 3, "\"443\" was unexpected in this context.");
        error("fltest.u16 == 1 == 2", 14, 1, "Left side of \"==\" expression must be a field or function, not 1.");
        error("fltest.bytes[0:2", 16, 0, "The right bracket was missing from a slice.");
    }

    @Test
    void badIntegers() {
        error("fltest.u8 == \"abc\"", 13, 5, "\"abc\" cannot be found among the possible values for fltest.u8.");
        error("fltest.u8 == 300", 13, 3, "\"300\" cannot be found among the possible values for fltest.u8.");
        error("fltest.u8 == 0x1g", 13, 4, "\"0x1g\" cannot be found among the possible values for fltest.u8.");
        error("fltest.u16 == 70000", 14, 5, "\"70000\" too big for this field, maximum 65535.");
        error("fltest.u32 == 4294967296", 14, 10, "\"4294967296\" too big for this field, maximum 4294967295.");
        error("fltest.u64 == 18446744073709551616", 14, 20, "\"18446744073709551616\" causes an integer overflow.");
        error("fltest.u16 == \"443\"", 14, 5, "Unsigned integer (2 bytes) cannot be converted from a string (\"443\").");
        error("fltest.u16 == 08", 14, 2, "\"08\" is not a valid number.");
        error("fltest.u16 == 1e3", 14, 3, "\"1e3\" is not a valid number.");
        error("fltest.u16 == 443.0", 14, 5, "\"443.0\" is not a valid number.");
        error("fltest.u16 == 0x", 14, 2, "\"0x\" is not a valid number.");
        error("fltest.u16 == -1", 14, 2, "\"-1\" too small for this field, minimum 0.");
        error("fltest.u16 in {abc}", 15, 3, "\"abc\" is not a valid number.");
        error("fltest.u16 == 'a", 16, 0, "The final quote was missing from a character constant.");
        error("fltest.u16 == 'ab'", 14, 4, "'ab' is too long to be a valid character constant.");
        error("fltest.flag == true", 15, 4, "\"true\" cannot be found among the possible values for fltest.flag.");
    }

    @Test
    void badOtherLiterals() {
        error("fltest.ip4 == 10.0.0.0/33", 14, 11, "Netmask bits in a CIDR IPv4 address should be <= 32, not 33");
        error("fltest.ip4 == 1.2.3", 14, 5, "\"1.2.3\" is not a valid hostname or IPv4 address.");
        error("fltest.ip4 == 256.1.1.1", 14, 9, "\"256.1.1.1\" is not a valid hostname or IPv4 address.");
        error("fltest.ip4 == localhost", 14, 9, "\"localhost\" is not a valid hostname or IPv4 address.");
        error("fltest.ip4 == \"1.2.3.4\"", 14, 9, "IPv4 address cannot be converted from a string (\"1.2.3.4\").");
        error("fltest.ip6 == fe80::/129", 14, 10, "Prefix in a IPv6 address should be <= 128, not 129");
        error("fltest.ip6 == 1::2::3", 14, 7, "\"1::2::3\" is not a valid hostname or IPv6 address.");
        error("fltest.ip6 == 1.2.3.4", 14, 7, "\"1.2.3.4\" is not a valid hostname or IPv6 address.");
        error("fltest.eth == ff:ff", 14, 5, "\"ff:ff\" contains too few bytes to be a valid Ethernet address.");
        error("fltest.bytes == zz", 16, 2, "\"zz\" is not a valid byte string.");
        error("fltest.bytes == 0x1603", 16, 6, "\"0x1603\" is not a valid byte string.");
        error("fltest.rel > abc", 13, 3, "\"abc\" is not a valid time.");
        error("fltest.rel > \"0.5\"", 13, 5, "Time offset cannot be converted from a string (\"0.5\").");
        error("fltest.abs == abc", 14, 3, "\"abc\" is not a valid absolute time. Example: \"Nov 12, 1999 08:55:44.123\""
                + " or \"2011-07-04 12:34:56\"");
        error("fltest.str == \"a\\q\"", 16, 2, "\\q is not a valid character escape sequence");
        error("fltest.str == \"\\xzz\"", 15, 2, "\\x is not a valid character escape sequence");
        error("fltest.u16 == \"a", 16, 0, "The final quote was missing from a quoted string.");
    }

    @Test
    void typeErrors() {
        error("fltest.u16 contains 1", 0, 10,
                "fltest.u16 (type=Unsigned integer (2 bytes)) cannot participate in contains comparison.");
        error("fltest.u8 matches \"x\"", 0, 9,
                "fltest.u8 (type=Unsigned integer (1 byte)) cannot participate in matches comparison.");
        error("fltest.ip4 contains 1", 0, 10, "fltest.ip4 (type=IPv4 address) cannot participate in contains comparison.");
        error("fltest.rel contains 1", 0, 10, "fltest.rel (type=Time offset) cannot participate in contains comparison.");
        error("fltest.flag ~ \"a\"", 0, 11, "fltest.flag (type=Boolean) cannot participate in ~ comparison.");
        error("fltest.label == 1", 0, 12, "fltest.label (type=Label) cannot participate in == comparison.");
        error("fltest.label eq 1", 0, 12, "fltest.label (type=Label) cannot participate in eq comparison.");
        error("fltest.label in {1}", 0, 12, "fltest.label (type=Label) cannot participate in in comparison.");
        error("fltest.u16 == fltest", 14, 6, "fltest.u16 and fltest are not of compatible types.");
        error("fltest.str == fltest.u16", 14, 10, "fltest.str and fltest.u16 are not of compatible types.");
        error("fltest.bytes == fltest.u16", 16, 10,
                "\"fltest.u16\" is a Unsigned integer (2 bytes) and cannot be converted into a sequence of bytes.");
        error("fltest.u32[0]", 0, 10,
                "\"fltest.u32\" is a Unsigned integer (4 bytes) and cannot be sliced into a sequence of bytes.");
        error("fltest.rel[0] == 1", 0, 10, "\"fltest.rel\" is a Time offset and cannot be sliced into a sequence of bytes.");
        error("fltest.label[0]", 0, 12, "\"fltest.label\" is a Label and cannot be sliced into a sequence of bytes.");
        error("fltest.bytes[0:0] == 16", 13, 3, "Range 0:0 isn't valid because length 0 isn't positive");
        error("fltest.bytes[0:-1] == 16", 13, 4, "Range 0:-1 isn't valid because length -1 isn't positive");
        error("fltest.bytes[x] == 16", 13, 1, "\"x\" is not a valid number.");
        error("fltest.bytes[0, y] == 16", 16, 1, "\"y\" is not a valid number.");
        error("fltest.flag & 1", 0, 11, "FT_BOOLEAN cannot &.");
        error("fltest.str matches abc", 19, 3, "Matches requires a double quoted string on the right side.");
        FilterException re = fail("fltest.str matches \"(\"");
        assertTrue(re.getMessage().startsWith("Regex compilation error: "), re.getMessage());
    }

    @Test
    void functionErrors() {
        error("foo(fltest)", 0, 3, "Function 'foo' does not exist");
        error("len(fltest)", 0, 3, "You cannot test whether a function is present.");
        error("len() == 1", 0, 3, "Function len needs at least 1 arguments.");
        error("len(fltest.u16, fltest.u8) == 1", 0, 3, "Function len can only accept 1 arguments.");
        error("len(1) == 1", 4, 1, "Only fields can be used as parameter for len()");
        error("count(1) == 1", 6, 1, "Only fields can be used as parameter for count()");
        error("count(fltest.bytes[0]) == 1", 6, 15, "Only fields can be used as parameter for count()");
        error("lower(fltest.u16) == 1", 6, 10, "Only string type fields can be used as parameter for lower()");
        error("len(fltest", 10, 0, END);
    }

    @Test
    void describeDrawsTsharksCaretLine() {
        FilterException e = fail("fltest.u16 == 70000");
        assertEquals("\"70000\" too big for this field, maximum 65535.\n"
                + "    fltest.u16 == 70000\n"
                + "                  ^~~~~", e.describe("fltest.u16 == 70000"));
        assertEquals(END, fail("fltest &&").describe("fltest &&"));
        assertEquals("The final quote was missing from a quoted string.\n"
                + "    fltest.u16 == \"a\n"
                + "                    ^", fail("fltest.u16 == \"a").describe("fltest.u16 == \"a"));
    }
}
