package cn.yaan.carbonsink.justice;

import cn.yaan.carbonsink.shared.BusinessException;
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

    /** 400 with the field of the first unknown species. */
    public Result calculate(List<Damage> damage, BigDecimal multiplier) {
        List<CarbonLoss.Item> items = new ArrayList<>();
        for (int i = 0; i < damage.size(); i++) {
            Species species = em.find(Species.class, damage.get(i).species());
            if (species == null) {
                throw BusinessException.invalid("damage[" + i + "].species", "Unknown species "
                        + damage.get(i).species() + "; use one of " + species().stream().map(SpeciesParameters::nameZh).toList() + ".");
            }
            items.add(new CarbonLoss.Item(species.parameters(), damage.get(i).volumeM3()));
        }
        CarbonLoss.Calculation calculation = CarbonLoss.of(items);
        return new Result(calculation, CarbonLoss.purchaseKg(calculation.kg(), multiplier));
    }
}
