package cn.yaan.carbonsink.obligation;

import cn.yaan.carbonsink.ledger.OrderPurpose;
import cn.yaan.carbonsink.ledger.UnitsRetired;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Units retired for the duty are credited, and its certificates issued, in the transaction that retires them. */
@ApplicationScoped
public class DutyRetirements {

    @Inject
    ObligationService obligations;

    void onRetired(@Observes UnitsRetired retired) {
        if (retired.purpose() == OrderPurpose.PUBLIC_DUTY) {
            obligations.onRetired(retired);
        }
    }
}
