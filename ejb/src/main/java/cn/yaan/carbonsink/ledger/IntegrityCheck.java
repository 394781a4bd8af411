package cn.yaan.carbonsink.ledger;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One context's checks of the ledger's invariants over its own records (CDI beans: the ledger's, the certificates'
 * and the visits' checks are found by {@link SelfCheck} without the ledger depending on them). Each check reads
 * committed data and names where it found a problem.
 */
public interface IntegrityCheck {

    /** Runs this context's checks. */
    List<Result> run();

    /** A check written as one query whose every row is a problem, named by {@code where}. */
    static Result query(EntityManager em, String name, String rule, String sql, Function<Object[], String> where) {
        Findings findings = new Findings(name, rule);
        for (Object row : em.createNativeQuery(sql).getResultList()) {
            findings.add(where.apply(row instanceof Object[] array ? array : new Object[]{row}));
        }
        return findings.result();
    }

    /** What one check found: nothing ({@code ok}), or how many problems and the first few, each named by its row. */
    @Schema(name = "IntegrityCheckResult")
    record Result(String name, String rule, boolean ok, long problems, List<String> examples) {
    }

    /** Collects a check's problems, keeping the first {@value #EXAMPLES} as examples. */
    final class Findings {
        static final int EXAMPLES = 20;
        private final String name;
        private final String rule;
        private final List<String> examples = new ArrayList<>();
        private long count;

        public Findings(String name, String rule) {
            this.name = name;
            this.rule = rule;
        }

        public void add(String where) {
            count++;
            if (examples.size() < EXAMPLES) {
                examples.add(where);
            }
        }

        public Result result() {
            return new Result(name, rule, count == 0, count, List.copyOf(examples));
        }
    }
}
