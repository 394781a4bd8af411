package cn.yaan.carbonsink.justice;

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
 * The species reference data as officers keep it: every version of every species, and a new version (of a species
 * or of a new one). A version is never changed once recorded, so an order computed with it keeps its figures; a
 * change is a new version valid from a day not before today nor before the species' latest version.
 */
@Stateless
public class SpeciesService {

    /** SVD, BEF and R: more than 0 (R at least 0), at most 10, to four places (the columns' precision). */
    static final Decimals.Range FACTOR = Decimals.Range.above("0", "10", 4);
    static final Decimals.Range ROOT_SHOOT = Decimals.Range.between("0", "10", 4);
    /** CF: a fraction of the dry mass, more than 0 and less than 1. */
    static final Decimals.Range CARBON_FRACTION = Decimals.Range.above("0", "0.9999", 4);

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    AuditTrail trail;

    /** A species' versions with who recorded each and when, oldest first per species. */
    public record VersionView(SpeciesParameters parameters, String recordedBy, java.time.Instant recordedAt) {
    }

    public List<VersionView> versions(Caller caller) {
        requireOfficer(caller);
        return em.createNamedQuery("Species.all", Species.class).getResultStream()
                .map(s -> new VersionView(s.parameters(), s.recordedBy(), s.recordedAt())).toList();
    }

    @Schema(name = "NewSpeciesVersion", description = "A new version of a species' parameters with its source")
    public record NewVersion(@NotBlank @Schema(maxLength = Species.NAME_MAX, examples = "杉木") String nameZh,
                             @NotBlank @Schema(maxLength = 80, examples = "Cunninghamia") String nameEn,
                             @NotNull @Schema(examples = "0.307") BigDecimal svd,
                             @NotNull @Schema(examples = "1.634") BigDecimal bef,
                             @NotNull @Schema(examples = "0.246") BigDecimal rootShoot,
                             @NotNull @Schema(examples = "0.52") BigDecimal carbonFraction,
                             @NotBlank @Schema(maxLength = 200, description = "The publication") String source,
                             @Schema(maxLength = 100, description = "The table in it; required unless an estimate")
                             String sourceTable,
                             @NotNull @Min(1900) @Max(2100) Integer sourceYear,
                             @NotNull Boolean estimate,
                             @NotNull LocalDate validFrom) {
    }

    /** Records a version: 403 for anyone but an officer, 400 with the field, 409 when another was recorded at once. */
    public SpeciesParameters record(@NotNull @Valid NewVersion n, Caller caller) {
        requireOfficer(caller);
        String nameZh = FreeText.required("nameZh", n.nameZh(), Species.NAME_MAX);
        String nameEn = FreeText.required("nameEn", n.nameEn(), 80);
        String source = FreeText.required("source", n.source(), 200);
        String table = FreeText.optional("sourceTable", n.sourceTable(), 100);
        if (!n.estimate() && table == null) {
            throw BusinessException.invalid("sourceTable", "Name the table of the publication the values come from.");
        }
        LocalDate today = clock.today();
        if (n.validFrom().isBefore(today)) {
            throw BusinessException.invalid("validFrom", "A new version applies from today or later, never to the past.");
        }
        Integer latest = em.createNamedQuery("Species.latestVersion", Integer.class).setParameter("name", nameZh)
                .getSingleResult();
        if (latest != null) {
            Species previous = em.createQuery("select s from Species s where s.nameZh = :name and s.version = :v",
                    Species.class).setParameter("name", nameZh).setParameter("v", latest).getSingleResult();
            if (n.validFrom().isBefore(previous.parameters().validFrom())) {
                throw BusinessException.invalid("validFrom", "Version " + latest + " applies from "
                        + previous.parameters().validFrom() + "; a new version cannot apply before it.");
            }
        }
        SpeciesParameters p = new SpeciesParameters(nameZh, nameEn, FACTOR.require("svd", n.svd()),
                FACTOR.require("bef", n.bef()), ROOT_SHOOT.require("rootShoot", n.rootShoot()),
                CARBON_FRACTION.require("carbonFraction", n.carbonFraction()), source, table, n.sourceYear(),
                n.estimate(), latest == null ? 1 : latest + 1, n.validFrom());
        try {
            em.persist(new Species(p.version(), p, caller.username(), clock.now()));
            em.flush();
        } catch (PersistenceException e) {
            if (UniqueViolations.is(e)) {
                throw BusinessException.conflict("version-taken", "Another officer recorded a version of " + nameZh
                        + " at the same moment; reload and try again.");
            }
            throw e;
        }
        trail.record(caller.username(), "SPECIES_VERSION", "species:" + nameZh, "version " + p.version()
                + " from " + p.validFrom() + ": SVD " + p.svd() + ", BEF " + p.bef() + ", R " + p.rootShoot() + ", CF "
                + p.carbonFraction() + "; " + p.citation());
        return p;
    }

    private static void requireOfficer(Caller caller) {
        if (!caller.has(Role.OFFICER)) {
            throw new BusinessException(BusinessException.Kind.FORBIDDEN, "officers-only",
                    "Only the bureau's officers keep the reference data.");
        }
    }
}
