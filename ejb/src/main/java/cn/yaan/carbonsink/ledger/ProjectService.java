package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.RowLocks;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/** Sink projects (碳汇项目) and the units issued to them, each issuance the next block of the project's serials. */
@Stateless
public class ProjectService {

    static final Pattern PROJECT_CODE = Pattern.compile("[A-Z][A-Z0-9]{0,9}(-[A-Z0-9]{1,10}){0,3}");

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    AuditLedger audit;

    public record NewProject(@NotBlank @Size(max = 32) String code, @NotBlank @Schema(maxLength = 200) String nameZh,
                             @NotBlank @Schema(maxLength = 200) String nameEn,
                             @NotBlank @Schema(maxLength = 100) String county,
                             @NotBlank @Schema(maxLength = 100) String standard,
                             @NotBlank @Schema(maxLength = 200) String methodology,
                             @NotNull @DecimalMin("0") @DecimalMax("1000000000") BigDecimal areaMu,
                             @NotNull @Min(1) @Max(100_000_000) Long unitPriceFenPerTonne) {
    }

    /** A project's names and descriptions are stored without the spaces around them. */
    public SinkProject createProject(@NotNull @Valid NewProject p, String actor) {
        if (!PROJECT_CODE.matcher(p.code()).matches()) {
            throw BusinessException.invalid("code",
                    "A project code is upper-case letters and digits in up to four dash-separated parts, e.g. BX-FM-01.");
        }
        if (findProject(p.code()) != null) {
            throw BusinessException.conflict("project-exists", "A project with the code " + p.code() + " exists already.");
        }
        SinkProject project = new SinkProject(p.code(), p.nameZh().trim(), p.nameEn().trim(), p.county().trim(),
                p.standard().trim(), p.methodology().trim(), p.areaMu(), p.unitPriceFenPerTonne(), clock.now());
        em.persist(project);
        em.flush();
        audit.append(actor, "PROJECT " + p.code() + " price=" + p.unitPriceFenPerTonne());
        return project;
    }

    public record NewIssuance(@NotNull @Min(2000) @Max(2100) Integer vintage,
                              @NotNull @Min(1) @Max(1_000_000_000L) Long quantityKg) {
    }

    /** Issues units of a vintage to a project: the next block of the project's running numbers. */
    public Issuance issue(String projectCode, @NotNull @Valid NewIssuance n, String actor) {
        int vintage = n.vintage();
        long kg = n.quantityKg();
        SinkProject known = findProject(projectCode);
        if (known == null) {
            throw BusinessException.notFound("No sink project has the code " + projectCode + ".");
        }
        SinkProject project = RowLocks.fresh(em, known);
        int thisYear = clock.today().getYear();
        if (vintage < 2000 || vintage > thisYear) {
            throw BusinessException.invalid("vintage", "The vintage must be a year from 2000 to " + thisYear + ".");
        }
        if (project.nextSerial + kg - 1 > 9_999_999_999L) {
            throw BusinessException.unprocessable("serials-exhausted", "The project has no serial numbers left for " + kg + " kg.");
        }
        SerialRange block = project.takeBlock(kg);
        Issuance issuance = new Issuance(project, vintage, block, clock.now());
        em.persist(issuance);
        em.flush();
        em.persist(new FreeSerialRange(issuance.id(), block));
        audit.append(actor, "ISSUED issuance=" + issuance.id() + " kg=" + kg + " block=" + issuance.block());
        return issuance;
    }

    public SinkProject findProject(String code) {
        return em.createNamedQuery("SinkProject.byCode", SinkProject.class).setParameter("code", code)
                .getResultStream().findFirst().orElse(null);
    }

    public List<SinkProject> projects() {
        return em.createNamedQuery("SinkProject.all", SinkProject.class).getResultList();
    }

    /** The projects the public sees: all but test projects. */
    public List<SinkProject> publicProjects() {
        return projects().stream().filter(p -> p.visibility() != ProjectVisibility.TEST).toList();
    }

    /** A project with its issuances, oldest first. */
    public record WithIssuances(SinkProject project, List<Issuance> issuances) {
    }

    /**
     * The projects the public sees with their issuances, in two queries however many projects there are (the public
     * list and the buy page show every project's figures).
     */
    public List<WithIssuances> publicProjectsWithIssuances() {
        Map<Long, List<Issuance>> issuances = em.createNamedQuery("Issuance.allOldestFirst", Issuance.class)
                .getResultStream().collect(Collectors.groupingBy(i -> i.project().id()));
        return publicProjects().stream()
                .map(p -> new WithIssuances(p, issuances.getOrDefault(p.id(), List.of()))).toList();
    }

    /** A project the public sees; a test project is 404 like one that does not exist. */
    public SinkProject publicProject(String code) {
        SinkProject project = code == null || code.length() > 32 ? null : findProject(code);
        if (project == null || project.visibility() == ProjectVisibility.TEST) {
            throw BusinessException.notFound("No sink project has the code " + code + ".");
        }
        return project;
    }

    public record VisibilityChange(@NotNull ProjectVisibility visibility) {
    }

    /**
     * Marks a project public, a test project (kept out of the public list, the registry, the buy page and the
     * transparency totals) or demo data (shown, marked as demo). Its units, serials and certificates are unchanged.
     */
    public SinkProject changeVisibility(String code, @NotNull @Valid VisibilityChange change, String actor) {
        SinkProject known = findProject(code);
        if (known == null) {
            throw BusinessException.notFound("No sink project has the code " + code + ".");
        }
        SinkProject project = RowLocks.fresh(em, known);
        ProjectVisibility before = project.visibility;
        project.visibility = change.visibility();
        audit.append(actor, "PROJECT_VISIBILITY project=" + code + " " + before + "->" + change.visibility());
        return project;
    }

    public List<Issuance> issuances(SinkProject project) {
        return em.createNamedQuery("Issuance.ofProjectOldestFirst", Issuance.class)
                .setParameter("project", project).getResultList();
    }

    /** The code of an active project with at least {@code kg} available, oldest first; 409 when none has. */
    public String projectWithAvailable(long kg) {
        return em.createNamedQuery("Issuance.activeProjectsWithAvailable", String.class).setParameter("kg", kg)
                .getResultStream().findFirst().orElseThrow(() -> BusinessException.conflict("insufficient-units",
                        "No active project has " + kg + " kg of units available."));
    }

    /** The project, if it is active; 404 when there is none, 422 when it is suspended or closed. */
    public SinkProject requireActiveProject(String code) {
        SinkProject project = findProject(code);
        if (project == null) {
            throw BusinessException.notFound("No sink project has the code " + code + ".");
        }
        if (!"ACTIVE".equals(project.status())) {
            throw BusinessException.unprocessable("project-not-active", "The project " + code + " is " + project.status() + ".");
        }
        return project;
    }
}
