package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.platform.Idempotency;
import cn.yaan.carbonsink.platform.Metrics;
import cn.yaan.carbonsink.shared.AppClock;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * Retirements (注销): units taken out of circulation for good on behalf of a beneficiary, with the lowest free serial
 * numbers of their issuances. Either at once (a sale settled outside the platform) or when an order is paid. Every
 * retirement tells the schemes ({@link UnitsRetired}) in its own transaction, so the certificate or the credit it
 * earns exists together with it or not at all.
 */
@Stateless
public class RetirementService {

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    Metrics metrics;

    @Inject
    AuditLedger audit;

    @Inject
    LedgerLocks locks;

    @Inject
    Inventory inventory;

    @Inject
    ProjectService projects;

    @Inject
    RegistryService registry;

    @Inject
    Idempotency idempotency;

    @Inject
    Event<UnitsRetired> retired;

    /** Units an officer retires at once (a sale settled outside the platform). */
    public record NewRetirement(@NotBlank @Size(max = 32) @Schema(examples = "YA-FM-01") String projectCode,
                                @NotNull @Min(1) @Max(1_000_000_000L) @Schema(examples = "1000") Long quantityKg,
                                @NotBlank @Schema(maxLength = 200, examples = "雅安市雨城区某公司") String beneficiary,
                                @NotNull OrderPurpose purpose,
                                @Schema(maxLength = 500, examples = "Sold under contract 2026-017") String note) {
    }

    /**
     * {@link #retireDirect} as an officer asks for it; with an {@code Idempotency-Key}, a retry of the same request
     * answers the retirement it made.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Receipt retire(@NotNull @Valid NewRetirement n, String actor, String idempotencyKey) {
        String projectCode = n.projectCode();
        long kg = n.quantityKg();
        String beneficiary = n.beneficiary().trim();
        OrderPurpose purpose = n.purpose();
        String note = n.note() == null || n.note().isBlank() ? null : n.note().trim();
        String canonical = String.join("\n", projectCode, Long.toString(kg), beneficiary, purpose.name(),
                note == null ? "" : note);
        return idempotency.once(new Idempotency.Request(actor, idempotencyKey, "POST /retirements", canonical),
                () -> retireDirect(projectCode, kg, beneficiary, purpose, null, note, actor), r -> "retirement:" + r.id(),
                ref -> registry.retirement(Long.parseLong(ref.substring("retirement:".length()))).orElseThrow());
    }

    /**
     * Retires available units of a project at once, oldest vintage first. 409 {@code insufficient-units} when the
     * project has fewer available.
     */
    public Receipt retireDirect(String projectCode, long kg, String beneficiary, OrderPurpose purpose, String reference,
                                String note, String actor) {
        projects.requireActiveProject(projectCode);
        List<Issuance> locked = locks.issuances(inventory.issuanceIds(projectCode));
        long available = locked.stream().mapToLong(Issuance::availableKg).sum();
        if (available < kg) {
            throw Inventory.insufficient(kg, available);
        }
        Retirement retirement = persist(new Retirement(null, kg, beneficiary, purpose, reference, note, actor, clock.now()));
        return finish(retirement, inventory.retireAvailable(locked, kg, retirement), actor);
    }

    /** Retires what a paid order holds; {@link PaymentService} calls it with the order locked. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Receipt retireOrder(UnitOrder order, String actor) {
        Retirement retirement = persist(new Retirement(order.id(), order.quantityKg(), order.beneficiary(),
                order.purpose(), order.reference(), null, actor, clock.now()));
        Receipt receipt = finish(retirement, inventory.retireHolds(order, retirement), actor);
        order.retired();
        return receipt;
    }

    private Retirement persist(Retirement retirement) {
        em.persist(retirement);
        em.flush();
        return retirement;
    }

    private Receipt finish(Retirement retirement, List<RetiredRange> ranges, String actor) {
        List<String> blocks = ranges.stream().map(RetiredRange::block).toList();
        audit.append(actor, "RETIRED retirement=" + retirement.id() + " kg=" + retirement.quantityKg()
                + " purpose=" + retirement.purpose() + " ranges=" + String.join(",", blocks));
        retired.fire(new UnitsRetired(retirement.id(), retirement.purpose(), retirement.reference(),
                retirement.beneficiary(), retirement.quantityKg(), blocks));
        metrics.count(Metrics.RETIREMENTS, "purpose", retirement.purpose());
        return Receipt.of(retirement, ranges);
    }
}
