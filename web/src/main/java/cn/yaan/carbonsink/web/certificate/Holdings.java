package cn.yaan.carbonsink.web.certificate;

import cn.yaan.carbonsink.certificate.Certificate;
import cn.yaan.carbonsink.certificate.CertificateService;
import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.justice.RestorationOrder;
import cn.yaan.carbonsink.justice.RestorationService;
import cn.yaan.carbonsink.justice.RestorationStatus;
import cn.yaan.carbonsink.ledger.OrderService;
import cn.yaan.carbonsink.obligation.ObligationService;
import cn.yaan.carbonsink.tourism.BookingService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which certificates a signed-in caller holds. The certificate context sits below the schemes and cannot read their
 * records, so the answer is put together here from the contexts that know: a citizen's duty years (obligation), the
 * bookings (tourism) and purchases of units (ledger) made by the account, and for a court the restoration orders of
 * its own court (justice). Certificates an officer retired for someone else belong to no account. The 我的 page lists
 * what {@link #of} finds; the holder's own PDF is given only for what {@link #holds} accepts, by the same rule.
 */
@ApplicationScoped
public class Holdings {

    @Inject
    CertificateService certificates;

    @Inject
    BookingService bookings;

    @Inject
    OrderService orders;

    @Inject
    ObligationService obligations;

    @Inject
    RestorationService restorations;

    /** The caller's certificates of every kind, newest first, at most {@code max}. */
    public List<Certificate> of(Caller me, int max) {
        Set<String> numbers = new HashSet<>(bookings.certificateNumbers(me.username()));
        if (me.has(Role.COURT)) {
            restorations.list(RestorationStatus.FULFILLED, me, max).stream()
                    .map(RestorationOrder::certificateNumber).filter(Objects::nonNull).forEach(numbers::add);
        }
        return certificates.held(numbers, retirementRefs(me), obligations.certificateRefPrefixes(me.username()), max);
    }

    /** Whether the certificate is the caller's own. */
    public boolean holds(Caller me, Certificate c) {
        String ref = c.schemeRef() == null ? "" : c.schemeRef();
        return switch (c.kind()) {
            case PUBLIC_DUTY, PUBLIC_DUTY_HONOUR -> obligations.certificateRefPrefixes(me.username()).stream()
                    .anyMatch(ref::startsWith);
            case CARBON_NEUTRAL_VISIT -> bookings.certificateNumbers(me.username()).contains(c.number());
            case RETIREMENT -> retirementRefs(me).contains(ref);
            case RESTORATION -> me.has(Role.COURT) && me.organisationCode() != null && ref.indexOf(' ') > 0
                    && restorations.visibleIdOf(ref.substring(0, ref.indexOf(' ')), me)
                    .map(id -> me.organisationCode().equals(restorations.find(id, me).courtCode())).orElse(false);
        };
    }

    private List<String> retirementRefs(Caller me) {
        return orders.retirementIdsOf(me.username()).stream().map(CertificateService::retirementRef).toList();
    }
}
