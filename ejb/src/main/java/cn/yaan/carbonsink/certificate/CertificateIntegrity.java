package cn.yaan.carbonsink.certificate;

import cn.yaan.carbonsink.ledger.IntegrityCheck;
import cn.yaan.carbonsink.ledger.RegistryService;
import cn.yaan.carbonsink.ledger.SerialNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/**
 * No certificate without the units it names (invariant 7): a certificate's serial blocks add up to its quantity,
 * and every serial in them is retired in the ledger.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class CertificateIntegrity implements IntegrityCheck {

    private static final int PAGE = 500;

    @PersistenceContext
    EntityManager em;

    @Inject
    RegistryService registry;

    @Override
    public List<Result> run() {
        Findings findings = new Findings("certificate-units",
                "a certificate's serial blocks add up to its quantity and are retired in the ledger");
        long after = 0;
        while (true) {
            List<Object[]> page = em.createQuery("select c.id, c.number, c.quantityKg, c.serialRanges from Certificate c "
                    + "where c.id > :after order by c.id", Object[].class).setParameter("after", after)
                    .setMaxResults(PAGE).getResultList();
            if (page.isEmpty()) {
                return List.of(findings.result());
            }
            for (Object[] row : page) {
                after = (Long) row[0];
                check((String) row[1], (Long) row[2], (String) row[3]).ifPresent(findings::add);
            }
            em.clear();
        }
    }

    private Optional<String> check(String number, long quantityKg, String blocks) {
        long named = 0;
        long retired = 0;
        for (String text : blocks.isEmpty() ? new String[0] : blocks.split(",")) {
            Optional<SerialNumbers.Block> block = SerialNumbers.parseBlock(text);
            if (block.isEmpty()) {
                return Optional.of("certificate " + number + ": '" + text + "' is not a serial block");
            }
            named += block.get().size();
            retired += registry.retiredWithin(block.get());
        }
        if (named != quantityKg) {
            return Optional.of("certificate " + number + ": " + quantityKg + " kg, serial blocks of " + named + " kg");
        }
        if (retired != named) {
            return Optional.of("certificate " + number + ": " + (named - retired) + " of its " + named
                    + " kg are not retired");
        }
        return Optional.empty();
    }
}
