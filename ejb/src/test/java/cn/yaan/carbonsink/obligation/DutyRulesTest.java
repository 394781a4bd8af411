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

    @Test
    void someoneTurningElevenInTheYearIsObligedForAllOfIt() {
        // Born on 31 December: 11 only on the last day of the year, obliged for the whole year.
        assertThat(rules.obliged(LocalDate.of(2015, 12, 31), 2026)).isTrue();
        assertThat(rules.obliged(LocalDate.of(2015, 1, 1), 2026)).isTrue();
        // Turning 11 only next year: not yet.
        assertThat(rules.obliged(LocalDate.of(2016, 1, 1), 2026)).isFalse();
        assertThat(rules.obliged(LocalDate.of(2016, 1, 1), 2027)).isTrue();
    }

    @Test
    void someoneTurningSixtyOneInTheYearIsNoLongerObliged() {
        // 60 on 31 December: still obliged; 61 on or before 31 December: not.
        assertThat(rules.obliged(LocalDate.of(1966, 1, 1), 2026)).isTrue();
        assertThat(rules.obliged(LocalDate.of(1966, 12, 31), 2026)).isTrue();
        assertThat(rules.obliged(LocalDate.of(1965, 12, 31), 2026)).isFalse();
        assertThat(rules.obliged(LocalDate.of(1965, 1, 1), 2026)).isFalse();
    }

    @Test
    void theBandIsASetting() {
        DutyRules adults = new DutyRules(18, 55, 0, 5);
        assertThat(adults.obliged(LocalDate.of(2008, 12, 31), 2026)).isTrue();
        assertThat(adults.obliged(LocalDate.of(2009, 1, 1), 2026)).isFalse();
        assertThat(adults.obliged(LocalDate.of(1970, 6, 1), 2026)).isFalse();
        assertThatThrownBy(() -> new DutyRules(20, 19, 0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DutyRules(11, 60, 0, 0)).isInstanceOf(IllegalArgumentException.class);
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
        assertThat(stateCouncil.ageMaxFor(true)).isEqualTo(55);
        assertThat(stateCouncil.ageMaxFor(false)).isEqualTo(60);
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
