package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.shared.BusinessException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How unit serial numbers are written (docs/SERIALS.md): {@code {project}-{vintage}-{n}} with {@code n} the unit's
 * running number within its project, zero-padded to {@value #DIGITS} digits, for example
 * {@code BX-FM-01-2024-0000000001}; a block of consecutive units is {@code {project}-{vintage}-{first}-{last}}.
 * One unit is one kilogram of CO2e.
 */
public final class SerialNumbers {

    public static final int DIGITS = 10;
    private static final Pattern SERIAL = Pattern.compile("([A-Z0-9]+(?:-[A-Z0-9]+)*?)-(\\d{4})-(\\d{" + DIGITS + "})");
    private static final Pattern BLOCK = Pattern.compile("(.+)-(\\d{4})-(\\d{" + DIGITS + "})-(\\d{" + DIGITS + "})");

    private SerialNumbers() {
    }

    public static String serial(String project, int vintage, long n) {
        return project + "-" + vintage + "-" + pad(n);
    }

    public static String block(String project, int vintage, long first, long last) {
        return project + "-" + vintage + "-" + pad(first) + "-" + pad(last);
    }

    static String pad(long n) {
        if (n < 1 || n > 9_999_999_999L) {
            throw new IllegalArgumentException("Serial number out of range: " + n);
        }
        return String.format("%0" + DIGITS + "d", n);
    }

    /** A parsed unit serial. */
    public record Serial(String project, int vintage, long number) {
    }

    /** A parsed block of consecutive units, as certificates and audit entries list them. */
    public record Block(String project, int vintage, long first, long last) {
        public long size() {
            return last - first + 1;
        }
    }

    /** Reads a block written by {@link #block}; empty when the text is not one. */
    public static java.util.Optional<Block> parseBlock(String text) {
        Matcher m = BLOCK.matcher(text.trim());
        if (!m.matches()) {
            return java.util.Optional.empty();
        }
        long first = Long.parseLong(m.group(3));
        long last = Long.parseLong(m.group(4));
        return first < 1 || last < first ? java.util.Optional.empty()
                : java.util.Optional.of(new Block(m.group(1), Integer.parseInt(m.group(2)), first, last));
    }

    public static Serial parse(String text) {
        Matcher m = text == null || text.length() > 80 ? null : SERIAL.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw BusinessException.invalid("serial",
                    "A serial number looks like BX-FM-01-2024-0000000001 (project, vintage, 10-digit number).");
        }
        long number = Long.parseLong(m.group(3));
        if (number < 1) {
            throw BusinessException.invalid("serial", "Serial numbers start at 0000000001.");
        }
        return new Serial(m.group(1), Integer.parseInt(m.group(2)), number);
    }
}
