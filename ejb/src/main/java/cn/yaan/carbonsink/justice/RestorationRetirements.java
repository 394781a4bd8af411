package cn.yaan.carbonsink.justice;

import cn.yaan.carbonsink.ledger.OrderPurpose;
import cn.yaan.carbonsink.ledger.UnitsRetired;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Units retired for a restoration order (purpose RESTORATION, reference = the order's reference), whether paid
 * through a ledger order or recorded as paid offline, count towards the order in the retiring transaction, so the
 * order is fulfilled and its certificate issued together with the retirement or not at all.
 */
@ApplicationScoped
public class RestorationRetirements {

    @Inject
    RestorationService restorations;

    void onRetired(@Observes UnitsRetired retired) {
        if (retired.purpose() == OrderPurpose.RESTORATION && retired.reference() != null) {
            restorations.unitsRetired(retired);
        }
    }
}
