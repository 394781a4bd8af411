package cn.yaan.carbonsink.certificate;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * Certificate numbers (docs/CERTIFICATES.md): {@code K-YYYY-XXXX-XXXX-C}, for example {@code R-2026-7K3M-Q9XP-4}.
 * K is the kind's letter, YYYY the year of issue, the eight X are random in Crockford's base-32 alphabet (no I, L,
 * O, U: nothing to confuse when read aloud or typed), C is a Luhn mod 32 check character over everything before
 * it, which catches every single mistyped character and every swap of two neighbours but 0 and Z (Luhn mod N's
 * one blind spot). Typed input is forgiving:
 * lower case, missing dashes, O for 0 and I or L for 1 are accepted.
 */
public final class CertificateNumbers {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateNumbers() {
    }

    public static String generate(CertificateKind kind, int year) {
        return generate(kind.letter, year);
    }

    /** A number of the same shape for other signed documents (a visit's ticket is {@code T-...}). */
    public static String generate(char letter, int year) {
        StringBuilder body = new StringBuilder().append(letter).append(year);
        for (int i = 0; i < 8; i++) {
            body.append(ALPHABET.charAt(RANDOM.nextInt(32)));
        }
        return format(body.append(check(body)).toString());
    }

    /**
     * The canonical form of a typed or scanned number, or empty when it is not a valid number: lower case, spaces and
     * dashes anywhere, O for 0 and I or L for 1 are forgiven; any other character (outside ASCII included) is not.
     * One pass over the text, as it runs on every verification.
     */
    public static Optional<String> normalize(String text) {
        if (text == null || text.length() > 40) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        char[] compact = new char[14];
        int length = 0;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == '-' || c == ' ') {
                continue;
            }
            if (length == compact.length) {
                return Optional.empty();
            }
            char upper = c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
            compact[length++] = upper == 'O' ? '0' : upper == 'I' || upper == 'L' ? '1' : upper;
        }
        return length == compact.length && valid(compact) ? Optional.of(format(compact)) : Optional.empty();
    }

    /**
     * The number a QR payload carries (14 ASCII characters, no dashes), exactly as issued: nothing is forgiven, so one
     * number has one compact form; empty otherwise.
     */
    static Optional<String> fromCompact(String compact) {
        if (compact.length() != 14) {
            return Optional.empty();
        }
        char[] chars = compact.toCharArray();
        return valid(chars) ? Optional.of(format(chars)) : Optional.empty();
    }

    /** A kind's letter, four ASCII digits, eight characters of the alphabet and the right check character. */
    private static boolean valid(char[] compact) {
        if (CertificateKind.ofLetter(compact[0]) == null) {
            return false;
        }
        for (int i = 1; i < 5; i++) {
            if (compact[i] < '0' || compact[i] > '9') {
                return false;
            }
        }
        for (int i = 5; i < 14; i++) {
            if (ALPHABET.indexOf(compact[i]) < 0) {
                return false;
            }
        }
        return check(java.nio.CharBuffer.wrap(compact, 0, 13)) == compact[13];
    }

    /** Without dashes: what the QR payload carries (14 ASCII characters). */
    public static String compact(String number) {
        return number.replace("-", "");
    }

    public static String format(String compact) {
        return format(compact.toCharArray());
    }

    private static String format(char[] compact) {
        return new StringBuilder(18).append(compact[0]).append('-').append(compact, 1, 4).append('-')
                .append(compact, 5, 4).append('-').append(compact, 9, 4).append('-').append(compact[13]).toString();
    }

    /** Luhn mod 32: from the right, every second code point value doubled and folded back into the base. */
    static char check(CharSequence body) {
        int factor = 2;
        int sum = 0;
        for (int i = body.length() - 1; i >= 0; i--) {
            int addend = factor * ALPHABET.indexOf(body.charAt(i));
            factor = factor == 2 ? 1 : 2;
            sum += addend / 32 + addend % 32;
        }
        return ALPHABET.charAt((32 - sum % 32) % 32);
    }
}
