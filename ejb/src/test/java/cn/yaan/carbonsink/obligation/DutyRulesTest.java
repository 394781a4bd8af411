package cn.yaan.carbonsink.obligation;

import cn.yaan.carbonsink.obligation.DutyRules.Status;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DutyRulesTest {

    private final DutyRules rules = DutyRules.DEFAULT;

    @Test
    void theAgeCountsOnTheThirtyFirstOfDecemberOfTheYear() {
        assertThat(DutyRules.ageInYear(LocalDate.of(2015, 12, 31), 2026)).isEqualTo(11);
        assertThat(DutyRules.ageInYear(LocalDate.of(2016, 1, 1), 2026)).isEqualTo(10);
        assertThat(DutyRules.ageInYear(LocalDate.of(1965, 12, 31), 2026)).isEqualTo(61);
        assertThat(DutyRules.ageInYear(LocalDate.of(2004, 2, 29), 2026)).isEqualTo(22);
    }

    /** Obliged as ObligationService asks it: for a man and for a woman alike while the women's band is off. */
    private static boolean obligedEither(DutyRules rules, LocalDate birth, int year) {
        boolean man = rules.obliged(birth, false, year);
        assertThat(rules.obliged(birth, true, year)).as("the same for a woman").isEqualTo(man);
        return man;
    }

    @Test
    void someoneTurningElevenInTheYearIsObligedForAllOfIt() {
        // Born on 31 December: 11 only on the last day of the year, obliged for the whole year.
        assertThat(obligedEither(rules, LocalDate.of(2015, 12, 31), 2026)).isTrue();
        assertThat(obligedEither(rules, LocalDate.of(2015, 1, 1), 2026)).isTrue();
        // Turning 11 only next year: not yet.
        assertThat(obligedEither(rules, LocalDate.of(2016, 1, 1), 2026)).isFalse();
        assertThat(obligedEither(rules, LocalDate.of(2016, 1, 1), 2027)).isTrue();
    }

    @Test
    void someoneTurningSixtyOneInTheYearIsNoLongerObliged() {
        // 60 on 31 December: still obliged; 61 on or before 31 December: not.
        assertThat(obligedEither(rules, LocalDate.of(1966, 1, 1), 2026)).isTrue();
        assertThat(obligedEither(rules, LocalDate.of(1966, 12, 31), 2026)).isTrue();
        assertThat(obligedEither(rules, LocalDate.of(1965, 12, 31), 2026)).isFalse();
        assertThat(obligedEither(rules, LocalDate.of(1965, 1, 1), 2026)).isFalse();
    }

    @Test
    void theBandIsASetting() {
        DutyRules adults = new DutyRules(18, 55, 0, 5);
        assertThat(obligedEither(adults, LocalDate.of(2008, 12, 31), 2026)).as("18").isTrue();
        assertThat(obligedEither(adults, LocalDate.of(2009, 1, 1), 2026)).as("17").isFalse();
        assertThat(obligedEither(adults, LocalDate.of(1971, 1, 1), 2026)).as("55").isTrue();
        assertThat(obligedEither(adults, LocalDate.of(1970, 12, 31), 2026)).as("56").isFalse();
    }

    @Test
    void settingsThatMakeNoBandAreRefusedAndTheNarrowestBandsAreAllowed() {
        assertThat(new DutyRules(0, 0, 0, 1).obliged(LocalDate.of(2026, 6, 1), false, 2026)).as("age 0, one tree").isTrue();
        assertThat(new DutyRules(30, 30, 30, 1).obliged(LocalDate.of(1996, 6, 1), true, 2026)).isTrue();
        assertThatThrownBy(() -> new DutyRules(-1, 60, 0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DutyRules(20, 19, 0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DutyRules(11, 60, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DutyRules(30, 60, 29, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSexSpecificBandIsOffByDefaultAndEndsWomensDutyEarlierWhenOn() {
        LocalDate fiftySix = LocalDate.of(1970, 3, 1);
        assertThat(rules.obliged(fiftySix, true, 2026)).isTrue();
        assertThat(rules.obliged(fiftySix, false, 2026)).isTrue();
        DutyRules stateCouncil = new DutyRules(11, 60, 55, 3);
        assertThat(stateCouncil.obliged(fiftySix, true, 2026)).isFalse();
        assertThat(stateCouncil.obliged(fiftySix, false, 2026)).isTrue();
        assertThat(stateCouncil.obliged(LocalDate.of(1971, 12, 31), true, 2026)).as("55 on 31 December").isTrue();
        assertThat(stateCouncil.obliged(LocalDate.of(2015, 12, 31), true, 2026)).as("11, the lower bound is shared").isTrue();
        assertThat(stateCouncil.obliged(LocalDate.of(2016, 1, 1), true, 2026)).as("10").isFalse();
        assertThat(stateCouncil.ageMaxFor(true)).isEqualTo(55);
        assertThat(stateCouncil.ageMaxFor(false)).isEqualTo(60);
        assertThat(rules.ageMaxFor(true)).isEqualTo(60);
        assertThatThrownBy(() -> new DutyRules(11, 60, 10, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statusGoesFromOpenToFulfilledWhenTheTreesOwedAreReached() {
        assertThat(DutyRules.status(true, false, 3, 0)).isEqualTo(Status.OPEN);
        assertThat(DutyRules.status(true, false, 3, 2)).isEqualTo(Status.OPEN);
        assertThat(DutyRules.status(true, false, 3, 3)).isEqualTo(Status.FULFILLED);
        assertThat(DutyRules.status(true, false, 3, 4)).isEqualTo(Status.FULFILLED);
        assertThat(DutyRules.earnsDutyCertificate(true, false, 3, 2)).isFalse();
        assertThat(DutyRules.earnsDutyCertificate(true, false, 3, 3)).isTrue();
    }

    @Test
    void anExemptionEndsTheDutyAndAContributionThenEarnsTheHonour() {
        assertThat(DutyRules.status(true, true, 0, 0)).isEqualTo(Status.EXEMPT);
        assertThat(DutyRules.earnsDutyCertificate(true, true, 0, 5)).isFalse();
        assertThat(DutyRules.earnsHonour(true, true, 0, 0)).isFalse();
        assertThat(DutyRules.earnsHonour(true, true, 0, 1)).isTrue();
    }

    @Test
    void twiceTheDutyOrAnyContributionOutsideTheBandEarnsTheHonour() {
        assertThat(DutyRules.earnsHonour(true, false, 3, 5)).isFalse();
        assertThat(DutyRules.earnsHonour(true, false, 3, 6)).isTrue();
        assertThat(DutyRules.status(false, false, 0, 0)).isEqualTo(Status.NOT_OBLIGED);
        assertThat(DutyRules.status(false, false, 0, 2)).isEqualTo(Status.NOT_OBLIGED);
        assertThat(DutyRules.earnsDutyCertificate(false, false, 0, 2)).isFalse();
        assertThat(DutyRules.earnsHonour(false, false, 0, 0)).isFalse();
        assertThat(DutyRules.earnsHonour(false, false, 0, 1)).isTrue();
    }
}
