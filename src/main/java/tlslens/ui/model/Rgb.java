package tlslens.ui.model;

import java.util.Locale;

/** A colour of a colouring rule, 8 bits a channel; Wireshark's files hold 16 (value * 257). */
public record Rgb(int red, int green, int blue) {
    public Rgb {
        if ((red | green | blue) >>> 8 != 0) throw new IllegalArgumentException("channels are 0..255");
    }

    /** "#rrggbb" (case-insensitive). */
    public static Rgb parse(String hex) {
        String h = hex.startsWith("#") ? hex.substring(1) : hex;
        if (h.length() != 6) throw new IllegalArgumentException("not #rrggbb: " + hex);
        int v = Integer.parseInt(h, 16);
        return new Rgb(v >> 16, (v >> 8) & 0xff, v & 0xff);
    }

    /** From Wireshark's 16-bit channels, rounded to the nearest 8-bit value. */
    public static Rgb of16(int red, int green, int blue) { return new Rgb(to8(red), to8(green), to8(blue)); }

    private static int to8(int c16) {
        if (c16 < 0 || c16 > 0xffff) throw new IllegalArgumentException("channels are 0..65535: " + c16);
        return (c16 + 128) / 257;
    }

    /** "#rrggbb", lower case: what CSS and ColorPicker.valueOf read. */
    public String hex() { return String.format(Locale.ROOT, "#%02x%02x%02x", red, green, blue); }

    /** Wireshark's "[r,g,b]" with 16-bit channels. */
    String wireshark() { return "[" + red * 257 + "," + green * 257 + "," + blue * 257 + "]"; }

    @Override public String toString() { return hex(); }
}
