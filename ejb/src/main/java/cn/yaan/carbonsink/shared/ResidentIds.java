package cn.yaan.carbonsink.shared;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Resident identity card numbers (居民身份证号码, GB 11643-1999): 6-digit area code, birth date {@code YYYYMMDD},
 * 3-digit sequence, check character {@code "10X98765432"[sum(d_i * w_i) mod 11]}. A lowercase {@code x} is accepted
 * and normalised to {@code X}. The number is personal data: never log it, never put it in a QR code or on a public
 * page (see {@link PersonalData} and {@link Masking#idNumber}).
 */
public final class ResidentIds {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1870, 1, 1);

    private ResidentIds() {
    }

    /** A valid number in canonical form with the birth date it carries. */
    public record ResidentId(String number, LocalDate birthDate) {

        /** Age in whole years on a day (the duty counts it on 31 December of the year). */
        public int ageOn(LocalDate day) {
            return java.time.Period.between(birthDate, day).getYears();
        }

        public String masked() {
            return Masking.idNumber(number);
        }
    }

    /**
     * Checks a number and returns it canonical, or throws a validation error for {@code field} that says what is
     * wrong (length, characters, birth date, check character) without repeating the number.
     *
     * @param today birth dates after this day are impossible
     */
    public static ResidentId parse(String field, String input, LocalDate today) {
        if (input == null || input.isBlank()) {
            throw BusinessException.invalid(field, "Enter the 18-character resident ID number.");
        }
        String id = input.strip().toUpperCase(Locale.ROOT);
        if (id.length() != 18) {
            throw BusinessException.invalid(field, "A resident ID number has 18 characters; this one has "
                    + id.length() + ".");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                throw BusinessException.invalid(field,
                        "The first 17 characters of a resident ID number are digits.");
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        char last = id.charAt(17);
        if (!(last >= '0' && last <= '9') && last != 'X') {
            throw BusinessException.invalid(field, "The last character of a resident ID number is a digit or X.");
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
        } catch (DateTimeException e) {
            throw BusinessException.invalid(field, "Characters 7 to 14 of the resident ID number are not a real date.");
        }
        if (birth.isBefore(EARLIEST_BIRTH) || birth.isAfter(today)) {
            throw BusinessException.invalid(field,
                    "The birth date in the resident ID number (characters 7 to 14) is not possible.");
        }
        if (CHECK.charAt(sum % 11) != last) {
            throw BusinessException.invalid(field,
                    "The resident ID number's check character does not match; check the number for a typing error.");
        }
        return new ResidentId(id, birth);
    }
}
