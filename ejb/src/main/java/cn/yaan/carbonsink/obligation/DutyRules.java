package cn.yaan.carbonsink.obligation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.time.LocalDate;

/**
 * The rules of the duty for a year (docs/DOMAIN.md section 1): who is obliged (age on 31 December of the year within
 * {@code [ageMin, ageMax]}, both inclusive), how many trees are owed, and how fulfilled trees turn into a status and
 * certificates. Pure: the numbers come from {@link DutySettings} and are stored with each year's duty.
 * {@code ageMaxWomen} is the sex-specific band of 国发[1982]36号 (women to 55): 0, the default, means off, everyone
 * has {@code ageMax}.
 */
public record DutyRules(int ageMin, int ageMax, int ageMaxWomen, int treesOwed) {

    public static final DutyRules DEFAULT = new DutyRules(11, 60, 0, 3);

    public DutyRules {
        if (ageMin < 0 || ageMax < ageMin || treesOwed < 1 || (ageMaxWomen != 0 && ageMaxWomen < ageMin)) {
            throw new IllegalArgumentException(
                    "Duty rules need 0 <= ageMin <= ageMax (and ageMaxWomen, unless 0) and treesOwed >= 1");
        }
    }

    /** The highest age of the band for this person. */
    public int ageMaxFor(boolean female) {
        return female && ageMaxWomen != 0 ? ageMaxWomen : ageMax;
    }

    public boolean obliged(LocalDate birthDate, boolean female, int year) {
        int age = ageInYear(birthDate, year);
        return age >= ageMin && age <= ageMaxFor(female);
    }

    /** Age in whole years on 31 December of {@code year}: someone turning 11 during the year is 11. */
    public static int ageInYear(LocalDate birthDate, int year) {
        return java.time.Period.between(birthDate, LocalDate.of(year, 12, 31)).getYears();
    }

    /** Where a year's duty stands. */
    @Schema(name = "DutyStatus")
    public enum Status {
        /** Obliged, fewer trees than owed so far. */
        OPEN,
        /** Obliged, the trees owed are reached. */
        FULFILLED,
        /** An officer exempted the citizen for this year (age, illness, disability...). */
        EXEMPT,
        /** Outside the age band in this year. */
        NOT_OBLIGED
    }

    /** The status of a year's duty; {@code owed} is 0 for someone not obliged or exempt. */
    public static Status status(boolean obliged, boolean exempt, int owed, int fulfilled) {
        if (exempt) {
            return Status.EXEMPT;
        }
        if (!obliged) {
            return Status.NOT_OBLIGED;
        }
        return fulfilled >= owed ? Status.FULFILLED : Status.OPEN;
    }

    /** The duty certificate (尽责证书) is earned when an obliged, unexempted citizen reaches the trees owed. */
    public static boolean earnsDutyCertificate(boolean obliged, boolean exempt, int owed, int fulfilled) {
        return status(obliged, exempt, owed, fulfilled) == Status.FULFILLED;
    }

    /**
     * The honour certificate (国土绿化荣誉证书) is earned with twice the duty, or by contributing at all while not
     * obliged (outside the age band, or exempt).
     */
    public static boolean earnsHonour(boolean obliged, boolean exempt, int owed, int fulfilled) {
        if (!obliged || exempt) {
            return fulfilled > 0;
        }
        return fulfilled >= 2 * owed;
    }
}
