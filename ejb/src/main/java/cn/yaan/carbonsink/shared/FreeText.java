package cn.yaan.carbonsink.shared;

import java.text.Normalizer;
import java.util.Optional;

/**
 * The one rule for text people type (names, beneficiaries, reasons, sites, gates): what is stored is what a reader
 * sees. Refused are control characters (C0 and C1, NUL included: PostgreSQL cannot store it), the bidirectional
 * controls that make text display in another order than it is stored (a right-to-left override turns
 * {@code "abc\u202Egpj.exe"} into what looks like {@code "abcexe.jpg"}), halves of characters (a lone UTF-16
 * surrogate), text that is empty once invisible characters are left out (zero-width spaces, joiners, byte-order
 * marks, fillers) and floods of combining marks. Lengths are counted in characters as people count them (code
 * points, so an emoji is one), after NFC normalisation, which is also the form that is stored. REST bodies therefore
 * declare these limits as {@code @Schema(maxLength)} (JSON Schema counts code points too), not as {@code @Size},
 * which counts UTF-16 units: the service applying this rule is the check.
 */
public final class FreeText {

    /** Combining marks one character may carry; NFC leaves at most two or three on real text. */
    static final int MAX_COMBINING_MARKS = 4;

    private FreeText() {
    }

    /** The text as stored: NFC, without surrounding white space. */
    public static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).strip();
    }

    /**
     * Why the text is refused, or empty when it is acceptable. Null and blank text are acceptable here: whether a
     * field may be left out is the caller's business.
     */
    public static Optional<String> problem(String text, int maxLength) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Optional<String> character = characterProblem(text);
        if (character.isPresent()) {
            return character;
        }
        String stored = normalise(text);
        if (!hasVisibleCharacter(stored)) {
            return Optional.of("must contain visible characters, not only invisible ones.");
        }
        int marks = 0;
        for (int i = 0; i < stored.length(); ) {
            int c = stored.codePointAt(i);
            marks = isCombining(c) ? marks + 1 : 0;
            if (marks > MAX_COMBINING_MARKS) {
                return Optional.of("must not stack more than " + MAX_COMBINING_MARKS + " accents on one character.");
            }
            i += Character.charCount(c);
        }
        int length = stored.codePointCount(0, stored.length());
        if (length > maxLength) {
            return Optional.of("must have at most " + maxLength + " characters (it has " + length + ").");
        }
        return Optional.empty();
    }

    /**
     * What is wrong with the characters of any text the platform is sent, free text or not: controls, bidirectional
     * controls and lone surrogates. Empty when there is none of them.
     */
    public static Optional<String> characterProblem(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (Character.getType(c) == Character.SURROGATE) {
                return Optional.of("must not contain half of a character (a lone UTF-16 surrogate).");
            }
            if (Character.getType(c) == Character.CONTROL) {
                return Optional.of("must not contain control characters such as NUL, tabs or line breaks (U+"
                        + String.format("%04X", c) + ").");
            }
            if (isBidiControl(c)) {
                return Optional.of("must not contain characters that change the writing direction (U+"
                        + String.format("%04X", c) + ").");
            }
            i += Character.charCount(c);
        }
        return Optional.empty();
    }

    /**
     * The text required in {@code field}: normalised for storing, or a validation error (400) naming the field.
     */
    public static String required(String field, String text, int maxLength) {
        if (text == null || text.isBlank()) {
            throw BusinessException.invalid(field, field + " is required.");
        }
        return optional(field, text, maxLength);
    }

    /** As {@link #required}, but null or blank text is absent: null. */
    public static String optional(String field, String text, int maxLength) {
        if (text == null || text.isBlank()) {
            return null;
        }
        problem(text, maxLength).ifPresent(p -> {
            throw BusinessException.invalid(field, field + " " + p);
        });
        return normalise(text);
    }

    /**
     * The text with everything a reader cannot see or that could reorder it removed: for showing text stored before
     * this rule existed (masking in public pages).
     */
    public static String visible(String text) {
        StringBuilder visible = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int type = Character.getType(c);
            if (type != Character.SURROGATE && type != Character.CONTROL && type != Character.FORMAT
                    && !isBidiControl(c)) {
                visible.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return visible.toString();
    }

    /** U+202A-202E embeddings and overrides, U+2066-2069 isolates, U+200E/200F and U+061C marks. */
    static boolean isBidiControl(int c) {
        return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || c == 0x200E || c == 0x200F || c == 0x061C;
    }

    private static boolean hasVisibleCharacter(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (!isInvisible(c)) {
                return true;
            }
            i += Character.charCount(c);
        }
        return false;
    }

    /**
     * Space, format characters (zero-width space and joiners, byte-order mark, soft hyphen...), marks without a
     * character to sit on, and the blank fillers of Hangul and Braille that render as nothing.
     */
    private static boolean isInvisible(int c) {
        int type = Character.getType(c);
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || type == Character.FORMAT || isCombining(c)
                || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || c == 0x2800;
    }

    private static boolean isCombining(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }
}
