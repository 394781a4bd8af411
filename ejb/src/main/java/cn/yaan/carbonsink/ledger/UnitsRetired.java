package cn.yaan.carbonsink.ledger;

import java.util.List;

/**
 * Fired (synchronously, inside the retiring transaction) whenever units are retired, so that the certificate
 * module can issue the matching certificate in the same transaction.
 */
public record UnitsRetired(long retirementId, OrderPurpose purpose, String reference, String beneficiary,
                           long quantityKg, List<String> serialBlocks) {
}
