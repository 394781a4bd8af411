package cn.yaan.carbonsink.ledger;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SerialRangeTest {

    @Test
    void retiringPartOfABlockSplitsIt() {
        SerialRange.Allocation a = SerialRange.allocate(List.of(new SerialRange(1, 10_000)), 250);
        assertThat(a.taken()).containsExactly(new SerialRange(1, 250));
        assertThat(a.left()).containsExactly(new SerialRange(251, 10_000));
    }

    @Test
    void takesTheLowestNumbersAcrossSeveralFreeRanges() {
        SerialRange.Allocation a = SerialRange.allocate(
                List.of(new SerialRange(500, 600), new SerialRange(10, 19), new SerialRange(700, 800)), 30);
        assertThat(a.taken()).containsExactly(new SerialRange(10, 19), new SerialRange(500, 519));
        assertThat(a.left()).containsExactly(new SerialRange(520, 600), new SerialRange(700, 800));
    }

    @Test
    void takingAWholeRangeLeavesNothingOfIt() {
        SerialRange.Allocation a = SerialRange.allocate(List.of(new SerialRange(1, 250), new SerialRange(300, 300)), 251);
        assertThat(a.taken()).containsExactly(new SerialRange(1, 250), new SerialRange(300, 300));
        assertThat(a.left()).isEmpty();
    }

    @Test
    void takenAndLeftTogetherAreExactlyTheFreeUnits() {
        List<SerialRange> free = List.of(new SerialRange(1, 7), new SerialRange(9, 9), new SerialRange(11, 40));
        for (long kg = 1; kg <= 38; kg++) {
            SerialRange.Allocation a = SerialRange.allocate(free, kg);
            assertThat(a.taken().stream().mapToLong(SerialRange::size).sum()).isEqualTo(kg);
            assertThat(a.taken().stream().mapToLong(SerialRange::size).sum()
                    + a.left().stream().mapToLong(SerialRange::size).sum()).isEqualTo(38);
            long lastTaken = a.taken().get(a.taken().size() - 1).last();
            assertThat(a.left()).allSatisfy(r -> assertThat(r.first()).isGreaterThan(lastTaken));
        }
    }

    @Test
    void refusesToTakeMoreThanIsFree() {
        assertThatThrownBy(() -> SerialRange.allocate(List.of(new SerialRange(1, 10)), 11))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SerialRange(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SerialRange(0, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
