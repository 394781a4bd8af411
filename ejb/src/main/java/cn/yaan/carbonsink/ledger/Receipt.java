package cn.yaan.carbonsink.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A retirement as its buyer and the public registry see it: what was retired, for whom, with which serials. */
public record Receipt(long id, long quantityKg, List<Map<String, String>> serialRanges, String beneficiary,
                      String purpose, Instant retiredAt) {

    static Receipt of(Retirement r, List<RetiredRange> ranges) {
        List<Map<String, String>> serials = ranges.stream()
                .map(range -> Map.of("first", range.first(), "last", range.last())).toList();
        return new Receipt(r.id(), r.quantityKg(), serials, r.beneficiary(), r.purpose().name(), r.retiredAt());
    }
}
