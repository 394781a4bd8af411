package cn.yaan.carbonsink.justice;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The status rules of a restoration order, without a database. */
class RestorationOrderTest {

    static final LocalDate JUDGMENT = LocalDate.of(2024, 3, 1);
    static final LocalDate DUE = LocalDate.of(2024, 4, 30);

    static RestorationOrder order(Remedy remedy, long purchaseKg) {
        RestorationOrder.Replant replant = remedy.replants() ? new RestorationOrder.Replant(100, "云杉", "宝兴县", new BigDecimal("85"),
                DUE, List.of(1, 3), 3) : null;
        return new RestorationOrder("RO-TEST", "COURT-1", "（2024）川1802刑初1号", JUDGMENT, remedy, 11_917,
                BigDecimal.ONE, purchaseKg, RestorationService.amountFen(purchaseKg), List.of("total"), replant, "court",
                Instant.parse("2024-03-02T00:00:00Z"));
    }

    @Test
    void theOrderKeepsWhatTheCourtDecided() {
        RestorationOrder o = new RestorationOrder("RO-2024-000001", "COURT-1", "（2024）川1802刑初1号", JUDGMENT,
                Remedy.REPLANT_AND_PURCHASE, 11_917, new BigDecimal("1.5"), 17_876, 143_008, List.of("a: 1", "total"),
                new RestorationOrder.Replant(100, "云杉", "宝兴县", new BigDecimal("90"), DUE, List.of(2, 5), 4), "court",
                Instant.parse("2024-03-02T00:00:00Z"));
        assertThat(o.id()).as("given by the database").isNull();
        assertThat(o.reference()).isEqualTo("RO-2024-000001");
        assertThat(o.courtCode()).isEqualTo("COURT-1");
        assertThat(o.caseNumber()).isEqualTo("（2024）川1802刑初1号");
        assertThat(o.judgmentDate()).isEqualTo(JUDGMENT);
        assertThat(o.remedy()).isEqualTo(Remedy.REPLANT_AND_PURCHASE);
        assertThat(o.status()).isEqualTo(RestorationStatus.REGISTERED);
        assertThat(o.carbonLossKg()).isEqualTo(11_917);
        assertThat(o.multiplier()).isEqualByComparingTo("1.5");
        assertThat(o.purchaseKg()).isEqualTo(17_876);
        assertThat(o.amountFen()).isEqualTo(143_008);
        assertThat(o.retiredKg()).isZero();
        assertThat(o.serialBlocks()).isEmpty();
        assertThat(o.calculation()).containsExactly("a: 1", "total");
        assertThat(o.replantTrees()).isEqualTo(100);
        assertThat(o.replantSpecies()).isEqualTo("云杉");
        assertThat(o.replantSite()).isEqualTo("宝兴县");
        assertThat(o.survivalThreshold()).isEqualByComparingTo("90");
        assertThat(o.dueDate()).isEqualTo(DUE);
        assertThat(o.inspectionYears()).containsExactly(2, 5);
        assertThat(o.tendingYears()).isEqualTo(4);
        assertThat(o.plantedTrees()).isZero();
        assertThat(o.survivingTrees()).isNull();
        assertThat(o.replantDone()).isFalse();
        assertThat(o.unitOrderId()).isNull();
        assertThat(o.certificateNumber()).isNull();
        assertThat(o.createdBy()).isEqualTo("court");
        assertThat(o.createdAt()).isEqualTo(Instant.parse("2024-03-02T00:00:00Z"));
        assertThat(o.fulfilledAt()).isNull();

        o.planted(30);
        o.planted(70);
        assertThat(o.plantedTrees()).isEqualTo(100);
        o.inspected(91, true);
        assertThat(o.survivingTrees()).isEqualTo(91);
        assertThat(o.replantDone()).isTrue();
        Instant at = Instant.parse("2027-05-01T00:00:00Z");
        o.fulfilled(at, "J-2027-AAAA-BBBB-C");
        assertThat(o.fulfilledAt()).isEqualTo(at);
        assertThat(o.certificateNumber()).isEqualTo("J-2027-AAAA-BBBB-C");
        assertThat(o.status()).isEqualTo(RestorationStatus.FULFILLED);
        assertThatThrownBy(() -> o.fulfilled(at, "again")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> o.purchaseOrdered(9)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(o::overdue).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPurchaseStartsTheOrderAndAnOverdueOrderIsMarkedSo() {
        RestorationOrder o = order(Remedy.PURCHASE_IN_LIEU, 11_917);
        o.purchaseOrdered(42);
        assertThat(o.unitOrderId()).isEqualTo(42L);
        assertThat(o.status()).isEqualTo(RestorationStatus.IN_PROGRESS);
        RestorationOrder late = order(Remedy.REPLANT, 0);
        late.overdue();
        assertThat(late.status()).isEqualTo(RestorationStatus.OVERDUE);
        assertThatThrownBy(late::overdue).as("overdue once").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPurchaseOnlyOrderHasNoReplanting() {
        RestorationOrder o = order(Remedy.PURCHASE_IN_LIEU, 11_917);
        assertThat(o.replantTrees()).isNull();
        assertThat(o.dueDate()).isNull();
        assertThat(o.inspectionYears()).isEmpty();
        assertThat(o.complete()).isFalse();
    }

    @Test
    void onlyAFulfilledOrderIsClosed() {
        RestorationOrder o = order(Remedy.REPLANT, 0);
        for (RestorationStatus status : RestorationStatus.values()) {
            o.status = status;
            assertThat(o.closed()).as(status.name()).isEqualTo(status == RestorationStatus.FULFILLED);
        }
    }

    @Test
    void theFirstStepOfAnyKindPutsARegisteredOrderInProgress() {
        RestorationOrder inspected = order(Remedy.REPLANT, 0);
        assertThat(inspected.inspected(10, false)).isZero();
        assertThat(inspected.status()).isEqualTo(RestorationStatus.IN_PROGRESS);
        RestorationOrder paid = order(Remedy.PURCHASE_IN_LIEU, 100);
        paid.unitsRetired(40, List.of("D-1"));
        assertThat(paid.status()).isEqualTo(RestorationStatus.IN_PROGRESS);
        // A step never takes an overdue or converted order back to in progress by itself.
        RestorationOrder overdue = order(Remedy.REPLANT, 0);
        overdue.status = RestorationStatus.OVERDUE;
        overdue.inspected(10, false);
        assertThat(overdue.status()).isEqualTo(RestorationStatus.OVERDUE);
    }

    @Test
    void replantElsePurchaseIsNotCompleteBeforeItsFinalInspection() {
        RestorationOrder o = order(Remedy.REPLANT_ELSE_PURCHASE, 0);
        assertThat(o.complete()).as("nothing converted, nothing accepted").isFalse();
        o.planted(100);
        o.inspected(90, false);
        assertThat(o.complete()).isFalse();
        o.inspected(85, true);
        assertThat(o.complete()).as("accepted: nothing to buy").isTrue();
        assertThat(o.purchaseKg()).isZero();
    }

    @Test
    void requiredSurvivorsAreRoundedUp() {
        assertThat(RestorationOrder.requiredSurviving(100, new BigDecimal("85"))).isEqualTo(85);
        assertThat(RestorationOrder.requiredSurviving(70, new BigDecimal("85"))).isEqualTo(60); // 59.5
        assertThat(RestorationOrder.requiredSurviving(7, new BigDecimal("90"))).isEqualTo(7); // 6.3
    }

    @Test
    void survivalRateIsRoundedDown() {
        assertThat(RestorationOrder.survivalRate(2, 3)).isEqualByComparingTo("66.66");
        assertThat(RestorationOrder.survivalRate(85, 100)).isEqualByComparingTo("85.00");
        assertThat(RestorationOrder.survivalRate(0, 0)).isEqualByComparingTo("0");
    }

    @Test
    void aShortfallConvertsItsShareOfTheCarbonLost() {
        assertThat(RestorationOrder.shortfallKg(11_917, BigDecimal.ONE, 85, 85)).isZero();
        // 15 of 85 trees missing: 11,917 x 15 / 85 = 2,102.99 -> 2,103
        assertThat(RestorationOrder.shortfallKg(11_917, BigDecimal.ONE, 85, 70)).isEqualTo(2_103);
        assertThat(RestorationOrder.shortfallKg(11_917, new BigDecimal("2"), 85, 70)).isEqualTo(4_206);
        assertThat(RestorationOrder.shortfallKg(11_917, BigDecimal.ONE, 85, 0)).isEqualTo(11_917);
        assertThat(RestorationOrder.shortfallKg(1, BigDecimal.ONE, 1000, 999)).as("at least 1 kg").isEqualTo(1);
    }

    @Test
    void aReplantingOrderIsCompleteWhenTheFinalInspectionFindsEnoughSurvivors() {
        RestorationOrder o = order(Remedy.REPLANT, 0);
        assertThat(o.status()).isEqualTo(RestorationStatus.REGISTERED);
        o.planted(100);
        assertThat(o.status()).isEqualTo(RestorationStatus.IN_PROGRESS);
        assertThat(o.inspected(95, false)).isZero();
        assertThat(o.complete()).as("not before the final inspection").isFalse();
        o.inspected(84, true);
        assertThat(o.complete()).as("84 < 85 stays open").isFalse();
        assertThat(o.status()).isEqualTo(RestorationStatus.IN_PROGRESS);
        o.inspected(85, true);
        assertThat(o.complete()).isTrue();
    }

    @Test
    void replantElsePurchaseConvertsTheShortfallAndIsCompleteOnceTheUnitsAreRetired() {
        RestorationOrder o = order(Remedy.REPLANT_ELSE_PURCHASE, 0);
        assertThat(o.outstandingKg()).as("nothing to buy before a shortfall").isZero();
        o.planted(100);
        assertThat(o.inspected(70, true)).isEqualTo(2_103);
        assertThat(o.status()).isEqualTo(RestorationStatus.CONVERTED);
        assertThat(o.outstandingKg()).isEqualTo(2_103);
        assertThat(o.complete()).isFalse();
        o.unitsRetired(2_103, List.of("A-1", "A-2"));
        assertThat(o.complete()).isTrue();
        assertThat(o.serialBlocks()).containsExactly("A-1", "A-2");
    }

    @Test
    void replantAndPurchaseNeedsBoth() {
        RestorationOrder o = order(Remedy.REPLANT_AND_PURCHASE, 11_917);
        o.unitsRetired(11_917, List.of("B-1"));
        assertThat(o.status()).isEqualTo(RestorationStatus.IN_PROGRESS);
        assertThat(o.complete()).isFalse();
        o.planted(100);
        o.inspected(60, true);
        assertThat(o.status()).as("no conversion for REPLANT_AND_PURCHASE").isEqualTo(RestorationStatus.IN_PROGRESS);
        assertThat(o.complete()).isFalse();
        o.inspected(90, true);
        assertThat(o.complete()).isTrue();
    }

    @Test
    void purchaseInLieuIsCompleteWhenAllUnitsAreRetired() {
        RestorationOrder o = order(Remedy.PURCHASE_IN_LIEU, 11_917);
        o.unitsRetired(10_000, List.of("C-1"));
        assertThat(o.retiredKg()).isEqualTo(10_000);
        assertThat(o.complete()).isFalse();
        assertThat(o.outstandingKg()).isEqualTo(1_917);
        o.unitsRetired(1_917, List.of("C-2"));
        assertThat(o.complete()).isTrue();
        o.fulfilled(Instant.now(), "J-2026-AAAA-BBBB-C");
        assertThat(o.closed()).isTrue();
    }

    @Test
    void overdueWhenTheDueDatePassedWithTreesUnplanted() {
        RestorationOrder o = order(Remedy.REPLANT, 0);
        assertThat(o.overdueOn(DUE)).as("on the due date itself").isFalse();
        assertThat(o.overdueOn(DUE.plusDays(1))).isTrue();
        o.planted(40);
        assertThat(o.overdueOn(DUE.plusDays(1))).isTrue();
        o.status = RestorationStatus.OVERDUE;
        o.planted(60);
        assertThat(o.status()).as("back in progress once all trees are planted").isEqualTo(RestorationStatus.IN_PROGRESS);
        assertThat(o.overdueOn(DUE.plusDays(1))).isFalse();
        assertThat(order(Remedy.PURCHASE_IN_LIEU, 5).overdueOn(DUE.plusYears(5))).isFalse();
    }

    @Test
    void theFinalInspectionIsTheLastScheduledOne() {
        RestorationOrder o = order(Remedy.REPLANT, 0);
        assertThat(o.finalInspectionOn(DUE.plusYears(1))).isFalse();
        assertThat(o.finalInspectionOn(DUE.plusYears(3).minusDays(1))).isFalse();
        assertThat(o.finalInspectionOn(DUE.plusYears(3))).isTrue();
    }
}
