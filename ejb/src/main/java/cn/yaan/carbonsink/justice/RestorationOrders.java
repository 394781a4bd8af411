package cn.yaan.carbonsink.justice;

import cn.yaan.carbonsink.certificate.Certificate;
import cn.yaan.carbonsink.certificate.CertificateKind;
import cn.yaan.carbonsink.certificate.CertificateService;
import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.identity.IdentityService;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.RowLocks;
import cn.yaan.carbonsink.platform.IntegrationEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;


import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the restoration services share about one order: finding it as the caller may see it, locking it (read under
 * its lock, {@link RowLocks}), recording a step on its timeline, and fulfilling it with its certificate once
 * everything it asks for is done.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
class RestorationOrders {

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    CertificateService certificates;

    @Inject
    IdentityService identity;

    @Inject
    Event<IntegrationEvent> integrationEvents;

    /**
     * Tells the court's connected systems (its case management) about the order, in the transaction of the change:
     * its reference, case number, status and figures, never the defendants.
     */
    void publish(IntegrationEvent.Type type, RestorationOrder order, Object... more) {
        Object[] data = {"id", order.id(), "reference", order.reference(), "caseNumber", order.caseNumber(),
                "status", order.status().name(), "retiredKg", order.retiredKg(), "outstandingKg", order.outstandingKg()};
        Object[] all = java.util.Arrays.copyOf(data, data.length + more.length);
        System.arraycopy(more, 0, all, data.length, more.length);
        integrationEvents.fire(IntegrationEvent.of(type, order.courtCode(), all));
    }

    /** An order the caller may see: its own court's, or any for an officer; 404 otherwise. */
    RestorationOrder find(long id, Caller caller) {
        return visible(em.find(RestorationOrder.class, id), id, caller);
    }

    /** As {@link #find}, locked. */
    RestorationOrder locked(long id, Caller caller) {
        return visible(RowLocks.byId(em, RestorationOrder.class, id), id, caller);
    }

    /** The restoration order a ledger order was made for, locked; null when the reference is not one. */
    RestorationOrder byReference(String reference) {
        return em.createNamedQuery("RestorationOrder.idByReference", Long.class).setParameter("reference", reference)
                .getResultStream().findFirst().map(id -> RowLocks.byId(em, RestorationOrder.class, id)).orElse(null);
    }

    private static RestorationOrder visible(RestorationOrder order, long id, Caller caller) {
        if (order == null || !caller.has(Role.OFFICER) && !order.courtCode().equals(caller.organisationCode())) {
            throw BusinessException.notFound("No restoration order " + id + ".");
        }
        return order;
    }

    /** Fulfils the order once everything it asks for is done: the RESTORATION certificate is issued to the court. */
    void fulfilIfComplete(RestorationOrder order, String actor) {
        if (order.closed() || !order.complete()) {
            return;
        }
        String number = certificates.issue(new CertificateService.Request(CertificateKind.RESTORATION,
                courtName(order.courtCode()), order.retiredKg(),
                order.replantDone() ? order.survivingTrees() : null, order.serialBlocks(),
                order.reference() + " " + order.caseNumber(), CertificateService.issuer(),
                List.of(new Certificate.Fact("case", order.caseNumber())))).number();
        order.fulfilled(clock.now(), number);
        event(order, actor, "FULFILLED", "certificate " + number, fields("certificate", number));
        publish(IntegrationEvent.Type.RESTORATION_FULFILLED, order, "certificateNo", number, "certificateNumber", number);
    }

    static String requireCourt(Caller caller) {
        if (caller.organisationCode() == null) {
            throw BusinessException.notFound("Your account belongs to no court.");
        }
        return caller.organisationCode();
    }

    static void requireOpen(RestorationOrder order) {
        if (order.closed()) {
            throw BusinessException.conflict("order-fulfilled", "The order was fulfilled on " + order.fulfilledAt() + ".");
        }
    }

    void notFuture(String field, LocalDate date) {
        if (date.isAfter(clock.today())) {
            throw BusinessException.invalid(field, "The date cannot be in the future.");
        }
    }

    static void notBefore(String field, LocalDate date, LocalDate earliest, String what) {
        if (date.isBefore(earliest)) {
            throw BusinessException.invalid(field, "The date cannot be before " + what + " (" + earliest + ").");
        }
    }

    /** The court's name as certificates and beneficiaries show it. */
    String courtName(String code) {
        return identity.organisationName(code).orElse(code);
    }

    /**
     * A step on the order's timeline: who did what, when; the detail in English for the API, the fields for the
     * pages' sentences ({@link #fields}).
     */
    void event(RestorationOrder order, String actor, String action, String detail, Map<String, String> fields) {
        em.persist(new RestorationEvent(order.id(), clock.now(), actor, action,
                detail.length() > 1000 ? detail.substring(0, 997) + "..." : detail, fields));
    }

    /** A step's fields from names and values in turn; a null value leaves its field out. */
    static Map<String, String> fields(Object... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                String value = String.valueOf(namesAndValues[i + 1]);
                fields.put((String) namesAndValues[i], value.replaceAll("[\\r\\n]+", " "));
            }
        }
        return fields;
    }
}
