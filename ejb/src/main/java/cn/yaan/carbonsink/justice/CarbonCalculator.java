package cn.yaan.carbonsink.justice;

import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.FreeText;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The carbon lost with damaged trees, from the species reference data; what a court sees before it orders. */
@Stateless
public class CarbonCalculator {

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    /** Each species' version in force today (the latest valid from today or before), by English name. */
    public List<SpeciesParameters> species() {
        Map<String, SpeciesParameters> current = new LinkedHashMap<>();
        em.createNamedQuery("Species.validOn", Species.class).setParameter("day", clock.today()).getResultStream()
                .forEach(s -> current.putIfAbsent(s.nameZh(), s.parameters()));
        return current.values().stream().sorted(java.util.Comparator.comparing(SpeciesParameters::nameEn)
                .thenComparing(SpeciesParameters::nameZh)).toList();
    }

    /** A damage item as a court states it: species by its Chinese name, stem volume in m3. */
    @Schema(name = "DamageItem")
    public record Damage(@NotBlank @Size(max = Species.NAME_MAX) String species,
                         @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100000") BigDecimal volumeM3) {
    }

    /** A calculation asked for before anything is ordered: the damage and the multiplier (default 1). */
    @Schema(name = "CarbonLossRequest")
    public record Request(@NotEmpty @Size(max = 50) List<@NotNull @Valid Damage> damage,
                          @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal multiplier) {

        public BigDecimal multiplierOrOne() {
            return multiplier == null ? BigDecimal.ONE : multiplier;
        }
    }

    /** The calculation a request asks for. */
    public Result calculate(@NotNull @Valid Request r) {
        return calculate(r.damage().stream().map(d -> new Damage(d.species().trim(), d.volumeM3())).toList(),
                r.multiplierOrOne());
    }

    /** The calculation, the units in lieu, and the version of the species' parameters each item used. */
    public record Result(CarbonLoss.Calculation calculation, long purchaseKg, List<SpeciesParameters> used) {
    }

    /**
     * 400 with the field of the first volume or multiplier out of its range (checked before anything is computed)
     * or the first unknown species.
     */
    public Result calculate(List<Damage> damage, BigDecimal multiplier) {
        CarbonLoss.MULTIPLIER.require("multiplier", multiplier);
        List<CarbonLoss.Item> items = new ArrayList<>();
        List<SpeciesParameters> inForce = species();
        for (int i = 0; i < damage.size(); i++) {
            String field = "damage[" + i + "]";
            BigDecimal volume = CarbonLoss.VOLUME_M3.require(field + ".volumeM3", damage.get(i).volumeM3());
            String name = FreeText.required(field + ".species", damage.get(i).species(), Species.NAME_MAX);
            SpeciesParameters species = inForce.stream().filter(s -> s.nameZh().equals(name)).findFirst()
                    .orElseThrow(() -> BusinessException.invalid(field + ".species", "Unknown species " + name
                            + "; use one of " + inForce.stream().map(SpeciesParameters::nameZh).toList() + "."));
            items.add(new CarbonLoss.Item(species, volume));
        }
        CarbonLoss.Calculation calculation = CarbonLoss.of(items);
        return new Result(calculation, CarbonLoss.purchaseKg(calculation.kg(), multiplier),
                items.stream().map(CarbonLoss.Item::species).toList());
    }
}
