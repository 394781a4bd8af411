package cn.yaan.carbonsink.justice;

import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.FreeText;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The carbon lost with damaged trees, from the species reference data; what a court sees before it orders. */
@Stateless
public class CarbonCalculator {

    @PersistenceContext
    EntityManager em;

    public List<SpeciesParameters> species() {
        return em.createNamedQuery("Species.all", Species.class).getResultStream().map(Species::parameters).toList();
    }

    /** A damage item as a court states it: species by its Chinese name, stem volume in m3. */
    public record Damage(String species, BigDecimal volumeM3) {
    }

    public record Result(CarbonLoss.Calculation calculation, long purchaseKg) {
    }

    /**
     * 400 with the field of the first volume or multiplier out of its range (checked before anything is computed)
     * or the first unknown species.
     */
    public Result calculate(List<Damage> damage, BigDecimal multiplier) {
        CarbonLoss.MULTIPLIER.require("multiplier", multiplier);
        List<CarbonLoss.Item> items = new ArrayList<>();
        for (int i = 0; i < damage.size(); i++) {
            String field = "damage[" + i + "]";
            BigDecimal volume = CarbonLoss.VOLUME_M3.require(field + ".volumeM3", damage.get(i).volumeM3());
            String name = FreeText.required(field + ".species", damage.get(i).species(), Species.NAME_MAX);
            Species species = em.find(Species.class, name);
            if (species == null) {
                throw BusinessException.invalid(field + ".species", "Unknown species " + name + "; use one of "
                        + species().stream().map(SpeciesParameters::nameZh).toList() + ".");
            }
            items.add(new CarbonLoss.Item(species.parameters(), volume));
        }
        CarbonLoss.Calculation calculation = CarbonLoss.of(items);
        return new Result(calculation, CarbonLoss.purchaseKg(calculation.kg(), multiplier));
    }
}
