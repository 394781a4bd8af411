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

    /** The canonical form of a typed or scanned number, or empty when it is not a valid number. */
    public static Optional<String> normalize(String text) {
        if (text == null || text.length() > 40) {
            return Optional.empty();
        }
        String compact = text.trim().toUpperCase(Locale.ROOT).replace("-", "").replace(" ", "")
                .replace('O', '0').replace('I', '1').replace('L', '1');
        if (compact.length() != 14 || CertificateKind.ofLetter(compact.charAt(0)) == null
                || !compact.substring(1, 5).chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        for (int i = 5; i < 14; i++) {
            if (ALPHABET.indexOf(compact.charAt(i)) < 0) {
                return Optional.empty();
            }
        }
        if (check(compact.substring(0, 13)) != compact.charAt(13)) {
            return Optional.empty();
        }
        return Optional.of(format(compact));
    }

    /** Without dashes: what the QR payload carries (14 ASCII characters). */
    public static String compact(String number) {
        return number.replace("-", "");
    }

    public static String format(String compact) {
        return compact.charAt(0) + "-" + compact.substring(1, 5) + "-" + compact.substring(5, 9) + "-"
                + compact.substring(9, 13) + "-" + compact.charAt(13);
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
