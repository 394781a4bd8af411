package cn.yaan.carbonsink.obligation;

import cn.yaan.carbonsink.certificate.Certificate;
import cn.yaan.carbonsink.certificate.CertificateKind;
import cn.yaan.carbonsink.certificate.CertificateService;
import cn.yaan.carbonsink.identity.CitizenProfile;
import cn.yaan.carbonsink.identity.CitizenService;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.FreeText;
import jakarta.ejb.Stateless;
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

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The compulsory tree-planting duty (碳汇+公众义务, docs/DOMAIN.md section 1): each citizen's duty per year, what
 * officers record towards it, and exemptions. Units bought are {@link DutyPurchaseService}, planting events
 * {@link PlantingEventService}; all of them record through {@link DutyRecords}, which locks the citizen's profile so
 * parallel payments or scans add up and the certificates are decided on the true total, once.
 */
@Stateless
public class ObligationService {

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    CitizenService citizens;

    @Inject
    DutySettings settings;

    @Inject
    CertificateService certificates;

    @Inject
    DutyRecords records;

    // ---------------------------------------------------------------- the duty of a year

    @Schema(requiredProperties = {"trees"})
    public record Fulfilment(String form, int trees, Instant at, String reference) {
    }

    @Schema(requiredProperties = {"year", "obliged", "treesOwed", "treesFulfilled", "status", "fulfilments"})
    public record Obligation(int year, boolean obliged, int treesOwed, int treesFulfilled,
                             @Schema(implementation = DutyRules.Status.class) String status,
                             List<Fulfilment> fulfilments, String certificateNo, String honourCertificateNo,
                             String exemptReason) {
    }

    /**
     * The beginnings of the scheme references of the citizen's duty certificates, every year
     * ({@code CertificateService.held}); none for an account without citizen data.
     */
    public List<String> certificateRefPrefixes(String username) {
        return citizens.profile(username).map(p -> DutyRecords.certificateRefPrefixes(p.accountId())).orElse(List.of());
    }

    public Obligation obligation(String username, int year) {
        records.checkYear(year);
        CitizenProfile profile = records.profile(username);
        Optional<DutyYear> fixed = records.dutyYear(profile.accountId(), year);
        boolean exempt = fixed.map(DutyYear::exempt).orElse(false);
        boolean obliged = fixed.map(d -> d.obliged).orElseGet(() -> {
            CitizenService.Person person = citizens.person(profile);
            return settings.current().rules().obliged(person.birthDate(), person.female(), year);
        });
        int owed = obliged && !exempt ? fixed.map(d -> d.treesOwed).orElseGet(() -> settings.current().treesOwed()) : 0;
        List<DutyFulfilment> done = records.fulfilments(profile.accountId(), year);
        int fulfilled = done.stream().mapToInt(DutyFulfilment::trees).sum();
        return new Obligation(year, obliged && !exempt, owed, fulfilled,
                DutyRules.status(obliged, exempt, owed, fulfilled).name(),
                done.stream().map(f -> new Fulfilment(f.form.name(), f.trees, f.recordedAt, f.reference)).toList(),
                certificates.bySchemeRef(CertificateKind.PUBLIC_DUTY, DutyRecords.dutyRef(profile.accountId(), year))
                        .map(Certificate::number).orElse(null),
                certificates.bySchemeRef(CertificateKind.PUBLIC_DUTY_HONOUR, DutyRecords.honourRef(profile.accountId(), year))
                        .map(Certificate::number).orElse(null),
                fixed.map(d -> d.exemptReason).orElse(null));
    }

    /** An officer's exemption of a citizen from a year's duty, with the reason. */
    public record NewExemption(@NotBlank @Size(max = 64) String username, @NotNull @Min(2000) @Max(2100) Integer year,
                               @NotBlank @Schema(maxLength = 500) String reason) {
    }

    /** Exempts a citizen from a year's duty (age, illness, disability...); the reason is kept with who said so. */
    public Obligation exempt(@NotNull @Valid NewExemption e, String officer) {
        String username = e.username().trim();
        int year = e.year();
        records.checkYear(year);
        String why = FreeText.required("reason", e.reason(), 500);
        CitizenProfile profile = citizens.lock(records.profile(username).accountId());
        DutyYear duty = records.dutyYearForUpdate(profile, year);
        if (duty.exempt()) {
            throw BusinessException.conflict("already-exempt", "The citizen is exempt for " + year + " already.");
        }
        duty.exemptReason = why;
        duty.exemptedBy = officer;
        duty.exemptedAt = clock.now();
        em.flush();
        records.awardCertificates(profile, duty);
        return obligation(username, year);
    }

    /** What an officer records for a citizen: trees directly, or hours of labour, or money donated. */
    @Schema(name = "NewFulfilment")
    public record OfficerRecord(@NotBlank @Size(max = 64) String username, @NotNull @Min(2000) @Max(2100) Integer year,
                                @NotNull FulfilmentForm form, @Min(1) @Max(100) Integer trees,
                                @Min(1) @Max(10_000) Integer hours, @Min(1) @Max(100_000_000L) Long amountFen) {
    }

    /**
     * Records a fulfilment an officer saw (tending, volunteering, a donation, "other"...): given in trees, in hours
     * (hours-per-tree) or in fen donated (fen-per-tree), exactly one of them. Units and events record themselves.
     */
    public Obligation recordByOfficer(@NotNull @Valid OfficerRecord r, String officer) {
        records.checkYear(r.year());
        if (r.year() > clock.today().getYear()) {
            throw BusinessException.invalid("year", "A fulfilment cannot be recorded for a year to come.");
        }
        if (r.form() == null || r.form() == FulfilmentForm.CARBON_UNITS) {
            throw BusinessException.invalid("form",
                    "Choose one of the eight forms; units bought count by themselves when paid.");
        }
        int given = (r.trees() == null ? 0 : 1) + (r.hours() == null ? 0 : 1) + (r.amountFen() == null ? 0 : 1);
        if (given != 1) {
            throw BusinessException.invalid("trees", "Give exactly one of trees, hours or amountFen.");
        }
        DutySettings.Values values = settings.current();
        long trees;
        if (r.trees() != null) {
            trees = r.trees();
        } else if (r.hours() != null) {
            if (r.form() == FulfilmentForm.DONATION) {
                throw BusinessException.invalid("hours", "A donation is given in amountFen or trees.");
            }
            trees = r.hours() / values.hoursPerTree();
        } else {
            if (r.form() != FulfilmentForm.DONATION) {
                throw BusinessException.invalid("amountFen", "Only a donation is given in amountFen.");
            }
            trees = r.amountFen() / values.fenPerTree();
        }
        if (trees < 1 || trees > DutyRecords.MAX_TREES) {
            throw BusinessException.invalid(r.trees() != null ? "trees" : r.hours() != null ? "hours" : "amountFen",
                    "This comes to " + trees + " trees; a record counts 1 to " + DutyRecords.MAX_TREES + " trees.");
        }
        CitizenProfile profile = records.profile(r.username().trim());
        records.record(profile.accountId(), r.year(), r.form(), (int) trees, 0, "",
                "officer:" + UUID.randomUUID(), officer);
        return obligation(r.username().trim(), r.year());
    }
}
