package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Optional;

/**
 * Direct retirements with an {@code Idempotency-Key}: the key is recorded in the same transaction as the
 * retirement, so a retry either finds the finished first answer, or (sent while the first is still running) waits
 * on the key's primary key until the first commits and then fails, after which {@link #replay} finds the answer.
 * A retirement that failed recorded nothing and may be retried with the same key.
 */
@Stateless
public class IdempotentRetirements {

    private static final Jsonb JSON = JsonbBuilder.create();

    @PersistenceContext
    EntityManager em;

    @Inject
    LedgerService ledger;

    @Inject
    AppClock clock;

    /** The receipt of an earlier request with this key; 422 when that request was a different one. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<LedgerService.Receipt> replay(String key, String requestHash) {
        IdempotencyRecord record = em.find(IdempotencyRecord.class, key);
        if (record == null) {
            return Optional.empty();
        }
        if (!record.requestHash().equals(requestHash)) {
            throw BusinessException.unprocessable("idempotency-key-reused",
                    "This Idempotency-Key was used for a different request; use a new key for a new request.");
        }
        return Optional.of(JSON.fromJson(record.response(), LedgerService.Receipt.class));
    }

    /** Retires and records the receipt under the key, in one transaction. */
    public LedgerService.Receipt retire(String key, String requestHash, String projectCode, long kg, String beneficiary,
                                        OrderPurpose purpose, String note, String actor) {
        IdempotencyRecord record = new IdempotencyRecord(key, requestHash, 201, "", clock.now());
        em.persist(record);
        em.flush();
        LedgerService.Receipt receipt = ledger.retireDirect(projectCode, kg, beneficiary, purpose, null, note, actor);
        record.response = JSON.toJson(receipt);
        return receipt;
    }
}
