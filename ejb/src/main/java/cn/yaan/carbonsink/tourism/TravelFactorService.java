package cn.yaan.carbonsink.tourism;

import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.platform.AuditTrail;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.Decimals;
import cn.yaan.carbonsink.shared.FreeText;
import cn.yaan.carbonsink.shared.UniqueViolations;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The travel emission factors as officers keep them: every version of every factor, and a new version of one. A
 * version is never changed once recorded, so a booking keeps the footprint it was given; a change is a new version
 * valid from a day not before today nor before the factor's latest version. The set of factors (travel modes,
 * lodging, on site) and their units are fixed.
 */
@Stateless
public class TravelFactorService {

    /** kg CO2e per unit: at least 0, at most 1000, to four places (the column's precision). */
    static final Decimals.Range FACTOR = Decimals.Range.between("0", "1000", 4);

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    AuditTrail trail;

    public List<TravelFactor> versions(Caller caller) {
        requireOfficer(caller);
        return em.createNamedQuery("TravelFactor.all", TravelFactor.class).getResultList();
    }

    @Schema(name = "NewTravelFactorVersion", description = "A new version of a travel emission factor with its source")
    public record NewVersion(@NotBlank @Schema(maxLength = 20, examples = "LODGING") String code,
                             @NotNull @Schema(examples = "15") BigDecimal factor,
                             @NotBlank @Schema(maxLength = 200, description = "The publication") String source,
                             @Schema(maxLength = 100, description = "The table in it; required unless an estimate")
                             String sourceTable,
                             @NotNull @Min(1900) @Max(2100) Integer sourceYear,
                             @NotNull Boolean estimate,
                             @NotNull LocalDate validFrom) {
    }

    /** Records a version: 403 for anyone but an officer, 400 with the field, 409 when another was recorded at once. */
    public TravelFactor record(@NotNull @Valid NewVersion n, Caller caller) {
        requireOfficer(caller);
        String code = n.code().trim();
        TravelFactor previous = em.createNamedQuery("TravelFactor.latest", TravelFactor.class)
                .setParameter("code", code).setMaxResults(1).getResultStream().findFirst()
                .orElseThrow(() -> BusinessException.invalid("code", "There is no emission factor " + code
                        + "; use one of " + em.createQuery("select distinct f.code from TravelFactor f order by f.code",
                        String.class).getResultList() + "."));
        String source = FreeText.required("source", n.source(), 200);
        String table = FreeText.optional("sourceTable", n.sourceTable(), 100);
        if (!n.estimate() && table == null) {
            throw BusinessException.invalid("sourceTable", "Name the table of the publication the factor comes from.");
        }
        if (n.validFrom().isBefore(clock.today())) {
            throw BusinessException.invalid("validFrom", "A new version applies from today or later, never to the past.");
        }
        if (n.validFrom().isBefore(previous.validFrom())) {
            throw BusinessException.invalid("validFrom", "Version " + previous.version() + " applies from "
                    + previous.validFrom() + "; a new version cannot apply before it.");
        }
        TravelFactor created = new TravelFactor(previous, FACTOR.require("factor", n.factor()), source, table,
                n.sourceYear(), n.estimate(), n.validFrom(), caller.username(), clock.now());
        try {
            em.persist(created);
            em.flush();
        } catch (PersistenceException e) {
            if (UniqueViolations.is(e)) {
                throw BusinessException.conflict("version-taken", "Another officer recorded a version of " + code
                        + " at the same moment; reload and try again.");
            }
            throw e;
        }
        // A no-break space keeps the figure with its unit wherever the line is shown (the audit page on a phone).
        trail.record(caller.username(), "FACTOR_VERSION", "factor:" + code, "version " + created.version() + " from "
                + created.validFrom() + ": " + created.factor().toPlainString() + "\u00a0" + created.unit() + "; " + source
                + (table != null ? ", " + table : "") + ", " + created.year() + (created.estimate() ? ", estimate" : ""));
        return created;
    }

    private static void requireOfficer(Caller caller) {
        if (!caller.has(Role.OFFICER)) {
            throw new BusinessException(BusinessException.Kind.FORBIDDEN, "officers-only",
                    "Only the bureau's officers keep the reference data.");
        }
    }
}
