package cn.yaan.carbonsink.shared;

import java.util.Locale;
import java.util.Map;

/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015) of enterprises and public bodies: 18 characters from
 * the digits and the capital letters without I, O, Z, S and V; character 1 the registration authority, character 2
 * the type of body that authority registers, characters 3 to 8 the administrative area, characters 9 to 17 the body's
 * own identifier, and character 18 a check character: {@code 31 - (sum(c_i * 3^(i-1) mod 31) mod 31)}, 31 meaning 0,
 * each character taken as its place in {@link #CHARS}. A code is no personal data: it is printed on the body's
 * licence and on its certificates.
 */
public final class SocialCreditCodes {

    /** The characters a code may use, in the order of their values (0 to 30). */
    static final String CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    /** Registration authorities (登记管理部门) and the types of body each registers (机构类别), per GB 32100 table 1. */
    private static final Map<Character, String> TYPES = Map.ofEntries(
            Map.entry('1', "1239"),  // 机构编制: organs of state, public institutions, mass organisations, other
            Map.entry('2', "19"),    // 外交
            Map.entry('3', "123459"), // 司法行政: law firms, notaries, legal services, forensic bodies, arbitration
            Map.entry('4', "19"),    // 文化
            Map.entry('5', "1239"),  // 民政: social organisations, private non-enterprise units, foundations, other
            Map.entry('6', "129"),   // 旅游
            Map.entry('7', "129"),   // 宗教
            Map.entry('8', "19"),    // 工会
            Map.entry('9', "123"),   // 工商 / 市场监管: enterprises, individual businesses, farmers' co-operatives
            Map.entry('A', "19"),    // 中央军委改革和编制办公室
            Map.entry('N', "1239"),  // 农业: collective economic organisations
            Map.entry('Y', "1"));    // other authorities

    private SocialCreditCodes() {
    }

    /** A valid code in canonical form. */
    public record SocialCreditCode(String code) {

        public char authority() {
            return code.charAt(0);
        }

        public char type() {
            return code.charAt(1);
        }

        /** Registered by the market regulator (工商) as an enterprise, business or co-operative. */
        public boolean enterprise() {
            return authority() == '9';
        }
    }

    /**
     * Checks a code and returns it canonical (spaces around it removed, letters in capitals), or throws a validation
     * error for {@code field} that says which character is wrong and how, without repeating the code.
     */
    public static SocialCreditCode parse(String field, String input) {
        if (input == null || input.isBlank()) {
            throw BusinessException.invalid(field, "Enter the 18-character unified social credit code (统一社会信用代码) "
                    + "printed on the business licence or registration certificate.");
        }
        String code = input.strip().toUpperCase(Locale.ROOT);
        if (code.length() != 18) {
            throw BusinessException.invalid(field, "A unified social credit code has 18 characters; this one has "
                    + code.length() + ".");
        }
        for (int i = 0; i < 18; i++) {
            if (CHARS.indexOf(code.charAt(i)) < 0) {
                throw BusinessException.invalid(field, "The code's character " + (i + 1) + " is not allowed: a unified "
                        + "social credit code uses digits and capital letters except I, O, Z, S, V.");
            }
        }
        String types = TYPES.get(code.charAt(0));
        if (types == null) {
            throw BusinessException.invalid(field, "The code's first character names no registration authority of "
                    + "GB 32100 (1 to 9, A, N or Y); check the code on the licence.");
        }
        if (types.indexOf(code.charAt(1)) < 0) {
            throw BusinessException.invalid(field, "The code's second character is no type of body that its "
                    + "registration authority (" + code.charAt(0) + ") registers; check the code on the licence.");
        }
        for (int i = 2; i < 8; i++) {
            if (code.charAt(i) < '0' || code.charAt(i) > '9') {
                throw BusinessException.invalid(field, "The code's characters 3 to 8 are the six digits of an area "
                        + "code; check the code on the licence.");
            }
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CHARS.indexOf(code.charAt(i)) * WEIGHTS[i];
        }
        if (CHARS.charAt((31 - sum % 31) % 31) != code.charAt(17)) {
            throw BusinessException.invalid(field, "The code's check character (the 18th) does not match; check the "
                    + "code for a typing error.");
        }
        return new SocialCreditCode(code);
    }
}
