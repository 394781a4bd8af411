package cn.yaan.carbonsink.identity;

import cn.yaan.carbonsink.shared.AppClock;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-sealing personal data under a new key (key rotation, docs/OPERATIONS.md): every sealed column of every table
 * is opened with the previous key and sealed again with the new one, and every lookup hash is recomputed from the
 * value it finds. Rows are taken in batches, each in a transaction of its own, so that a large table neither holds
 * one long transaction nor loses all its work when the server stops half-way: a value the new key already opens is
 * left as it is, so a start with the same two keys goes on where the last one stopped.
 */
@Stateless
public class Resealing {

    static final int BATCH = 500;

    /**
     * A table holding sealed values: its key columns (for batches in key order), its sealed columns, and each lookup
     * hash column with the sealed column whose clear value it is the hash of.
     */
    record SealedTable(String table, List<String> key, List<String> sealed, Map<String, String> hashOf) {
    }

    /** Every table with personal data sealed by {@link PersonalData}; a new sealed column belongs here. */
    static final List<SealedTable> TABLES = List.of(
            new SealedTable("citizen_profile", List.of("account_id"),
                    List.of("name_sealed", "id_number_protected", "phone_protected"),
                    Map.of("id_number_hash", "id_number_protected", "phone_hash", "phone_protected")),
            new SealedTable("booking_visitor", List.of("booking_id", "seq"), List.of("name_sealed", "id_sealed"),
                    Map.of("id_hash", "id_sealed")),
            new SealedTable("saved_visitor", List.of("id"), List.of("name_sealed", "id_number_sealed", "phone_sealed"),
                    Map.of("id_number_hash", "id_number_sealed")),
            new SealedTable("sms_outbox", List.of("id"), List.of("phone_sealed", "text_sealed"), Map.of()),
            new SealedTable("restoration_defendant", List.of("id"), List.of("name_sealed", "id_sealed"),
                    Map.of("id_lookup_hash", "id_sealed")),
            new SealedTable("organisation_registration", List.of("organisation_id"),
                    List.of("contact_name_sealed", "contact_phone_sealed"), Map.of()));

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Resource
    SessionContext context;

    /**
     * Re-seals everything under {@code after}; the number of values sealed again. Outstanding password-reset codes
     * end, since their hashes were keyed with the previous key and the codes themselves are not kept.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public long resealAll(PersonalData.Keys before, PersonalData.Keys after) {
        long values = 0;
        Resealing self = context.getBusinessObject(Resealing.class);
        for (int table = 0; table < TABLES.size(); table++) {
            List<Object> last = null;
            while (true) {
                Batch batch = self.batch(table, last, before, after);
                values += batch.values();
                if (batch.lastKey() == null) {
                    break;
                }
                last = batch.lastKey();
            }
        }
        self.endResetCodes();
        return values;
    }

    /** What a batch did: the key of its last row (null when the table is done) and the values it sealed again. */
    public record Batch(List<Object> lastKey, long values) {
    }

    /** One batch of rows after {@code last} (in key order): re-sealed in this transaction; the batch's last key. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Batch batch(int index, List<Object> last, PersonalData.Keys before, PersonalData.Keys after) {
        SealedTable table = TABLES.get(index);
        String keys = String.join(", ", table.key());
        StringBuilder sql = new StringBuilder("select ").append(keys).append(", ")
                .append(String.join(", ", table.sealed())).append(" from ").append(table.table());
        if (last != null) {
            sql.append(" where ").append(after(table.key()));
        }
        sql.append(" order by ").append(keys);
        var query = em.createNativeQuery(sql.toString());
        for (int i = 0; last != null && i < last.size(); i++) {
            query.setParameter(i + 1, last.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.setMaxResults(BATCH).getResultList();
        long values = 0;
        for (Object[] row : rows) {
            values += reseal(table, row, before, after);
        }
        return new Batch(rows.size() < BATCH ? null : key(table, rows.get(rows.size() - 1)), values);
    }

    /** {@code (a > ?1) or (a = ?1 and b > ?2)}, with positional parameters repeated as the key needs. */
    private static String after(List<String> key) {
        if (key.size() == 1) {
            return key.get(0) + " > ?1";
        }
        return "(" + key.get(0) + " > ?1 or (" + key.get(0) + " = ?1 and " + key.get(1) + " > ?2))";
    }

    private static List<Object> key(SealedTable table, Object[] row) {
        List<Object> key = new ArrayList<>();
        for (int i = 0; i < table.key().size(); i++) {
            key.add(row[i]);
        }
        return key;
    }

    private int reseal(SealedTable table, Object[] row, PersonalData.Keys before, PersonalData.Keys after) {
        int k = table.key().size();
        Map<String, String> clear = new HashMap<>();
        List<String> assignments = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < table.sealed().size(); i++) {
            String column = table.sealed().get(i);
            String sealed = (String) row[k + i];
            if (sealed == null) {
                continue;
            }
            String already = after.open(sealed);
            if (already != null) {
                clear.put(column, already);
                continue;
            }
            String value = before.reveal(sealed);
            clear.put(column, value);
            assignments.add(column);
            values.add(after.protect(value));
        }
        if (assignments.isEmpty()) {
            return 0;
        }
        int resealed = assignments.size();
        table.hashOf().forEach((hash, of) -> {
            if (clear.containsKey(of)) {
                assignments.add(hash);
                values.add(after.lookupHash(clear.get(of)));
            }
        });
        List<String> set = new ArrayList<>();
        for (String column : assignments) {
            set.add(column + " = ?" + (set.size() + 1));
        }
        List<String> where = new ArrayList<>();
        for (String column : table.key()) {
            where.add(column + " = ?" + (set.size() + where.size() + 1));
        }
        StringBuilder sql = new StringBuilder("update ").append(table.table()).append(" set ")
                .append(String.join(", ", set)).append(" where ").append(String.join(" and ", where));
        var update = em.createNativeQuery(sql.toString());
        int p = 1;
        for (Object value : values) {
            update.setParameter(p++, value);
        }
        for (int i = 0; i < k; i++) {
            update.setParameter(p++, row[i]);
        }
        update.executeUpdate();
        return resealed;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void endResetCodes() {
        em.createNativeQuery("update password_reset set expires_at = ?1 where used_at is null and expires_at > ?1")
                .setParameter(1, clock.now()).executeUpdate();
    }
}
