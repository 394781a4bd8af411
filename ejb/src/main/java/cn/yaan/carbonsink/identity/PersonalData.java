package cn.yaan.carbonsink.identity;

import cn.yaan.carbonsink.platform.AppSetting;
import cn.yaan.carbonsink.shared.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Logger;

/**
 * Protection of sensitive personal data at rest (PIPL art. 28-30, docs/DOMAIN.md section 6): resident ID numbers and
 * similar values are stored encrypted with AES-256-GCM, and found again by a keyed hash (HMAC-SHA256) so that
 * uniqueness can be checked without decrypting anything.
 * <p>
 * The 32-byte key comes from {@code carbonsink.personal-data-key} (base64, environment variable
 * {@code CARBONSINK_PERSONAL_DATA_KEY}); production does not start without it ({@code platform.RequiredSecrets}).
 * The embedded default may leave it unset: a key is then generated on first start and kept in the database, which
 * protects against nothing but a casual look.
 * Encryption and lookup use two keys derived from it, so a lookup hash reveals nothing about the ciphertext key.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PersonalData {

    static final String GENERATED_KEY_SETTING = "personal-data.generated-key";
    /**
     * The key the data was sealed with before a rotation ({@code CARBONSINK_PERSONAL_DATA_KEY_PREVIOUS}): given beside
     * a new key, the server re-seals every sealed value under the new one at start-up.
     */
    static final String PREVIOUS_KEY = "carbonsink.personal-data-key.previous";
    /** A one-way derivation of the key in use, kept to recognise the key this database's data was sealed with. */
    static final String KEY_CHECK_SETTING = "personal-data.key-check";
    /** A column of each table that holds sealed values, to test a key against data sealed before key checks. */
    private static final List<String> SEALED_SAMPLES = List.of(
            "select id_number_protected from citizen_profile",
            "select id_sealed from booking_visitor",
            "select id_sealed from restoration_defendant",
            "select contact_phone_sealed from organisation_registration");
    private static final Logger LOG = Logger.getLogger(PersonalData.class.getName());
    private static final String FORMAT = "v1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    Resealing resealing;

    private volatile Keys keys;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void load() {
        String configured = Settings.secret("carbonsink.personal-data-key");
        byte[] master;
        if (configured != null) {
            master = decodeKey(configured);
        } else {
            AppSetting stored = em.find(AppSetting.class, GENERATED_KEY_SETTING);
            if (stored == null) {
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                stored = new AppSetting(GENERATED_KEY_SETTING, Base64.getEncoder().encodeToString(fresh));
                em.persist(stored);
                em.flush();
            }
            master = Base64.getDecoder().decode(stored.value());
            LOG.warning("carbonsink.personal-data-key is not set: personal data is encrypted with a key kept in the "
                    + "database. Set CARBONSINK_PERSONAL_DATA_KEY in production.");
        }
        use(master);
        String previous = configured == null ? null : Settings.secret(PREVIOUS_KEY);
        requireKeyOfThisDatabase(master, previous == null ? null : decodeKey(previous));
    }

    /**
     * Refuses a key other than the one this database's personal data was sealed with: started with another key (a
     * restore without its key, a mistyped variable), the server would fail to open every sealed value and, worse,
     * accept the same ID number again under the new key. The first start with a key records its check value; a
     * database sealed before check values existed is tested by opening one sealed value.
     * <p>
     * Key rotation: started with a new key and the key the data was sealed with as {@link #PREVIOUS_KEY}, the server
     * re-seals every value and recomputes every lookup hash under the new key ({@link Resealing}), then records the
     * new key's check value; from then on the previous key is needed no more.
     */
    private void requireKeyOfThisDatabase(byte[] master, byte[] previous) {
        String check = check(master);
        AppSetting stored = em.find(AppSetting.class, KEY_CHECK_SETTING);
        if (stored != null && stored.value().equals(check)) {
            return;
        }
        boolean sealedWithThisKey = stored == null && opensSample(keys);
        if (!sealedWithThisKey) {
            Keys before = previous == null ? null : new Keys(previous);
            boolean sealedWithPrevious = before != null
                    && (stored == null ? opensSample(before) : stored.value().equals(check(previous)));
            if (!sealedWithPrevious) {
                throw wrongKey();
            }
            long values = resealing.resealAll(before, keys);
            LOG.info("Personal data re-sealed under the new carbonsink.personal-data-key: " + values + " values; the "
                    + "previous key (" + PREVIOUS_KEY + ") is no longer needed and can be removed.");
        }
        em.merge(new AppSetting(KEY_CHECK_SETTING, check));
        em.flush();
    }

    /** Whether the keys open the first sealed value found (true when nothing is sealed yet). */
    private boolean opensSample(Keys candidate) {
        for (String sample : SEALED_SAMPLES) {
            List<?> sealed = em.createNativeQuery(sample).setMaxResults(1).getResultList();
            if (!sealed.isEmpty()) {
                return candidate.open((String) sealed.get(0)) != null;
            }
        }
        return true;
    }

    private static String check(byte[] master) {
        return HexFormat.of().formatHex(derive(master, "key check"));
    }

    private static IllegalStateException wrongKey() {
        return new IllegalStateException("The personal data in this database was sealed with another key than "
                + "carbonsink.personal-data-key (CARBONSINK_PERSONAL_DATA_KEY), so the server does not start: it "
                + "could open none of it and would accept the same people again under the new key. Start it with the "
                + "key this database was sealed with (kept with the backup of the keys, apart from the database dump), "
                + "or, to rotate keys, with the new key and the old one as CARBONSINK_PERSONAL_DATA_KEY_PREVIOUS.");
    }

    void use(byte[] master) {
        keys = new Keys(master);
    }

    static byte[] decodeKey(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("carbonsink.personal-data-key is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("carbonsink.personal-data-key must be 32 bytes (base64 of 32 random bytes), not "
                    + key.length);
        }
        return key;
    }

    private static byte[] derive(byte[] master, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return mac.doFinal(("carbonsink personal data " + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value encrypted, as text for a VARCHAR column ({@code v1:} + base64 of nonce and ciphertext). */
    public String protect(String value) {
        return keys.protect(value);
    }

    /** The value {@link #protect} sealed; only for the holder's own view, never for logs or public pages. */
    public String reveal(String protectedValue) {
        return keys.reveal(protectedValue);
    }

    /** A keyed hash (64 hex characters) to find or deduplicate a value without storing it in clear. */
    public String lookupHash(String value) {
        return keys.lookupHash(value);
    }

    /** The two keys derived from one master key: one encrypts, the other makes lookup hashes. */
    public static final class Keys {
        private final SecretKeySpec encryptionKey;
        private final SecretKeySpec lookupKey;

        Keys(byte[] master) {
            encryptionKey = new SecretKeySpec(derive(master, "encryption"), "AES");
            lookupKey = new SecretKeySpec(derive(master, "lookup"), "HmacSHA256");
        }

        String protect(String value) {
            try {
                byte[] nonce = new byte[12];
                RANDOM.nextBytes(nonce);
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(128, nonce));
                byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
                return FORMAT + Base64.getEncoder().withoutPadding().encodeToString(
                        ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot encrypt personal data", e);
            }
        }

        String reveal(String protectedValue) {
            if (protectedValue == null || !protectedValue.startsWith(FORMAT)) {
                throw new IllegalArgumentException("Not a protected value");
            }
            try {
                byte[] all = Base64.getDecoder().decode(protectedValue.substring(FORMAT.length()));
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(128, all, 0, 12));
                return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot decrypt personal data (wrong carbonsink.personal-data-key?)", e);
            }
        }

        /** The value if it was sealed with these keys (GCM's tag proves it), or null. */
        String open(String protectedValue) {
            try {
                return reveal(protectedValue);
            } catch (IllegalStateException e) {
                return null;
            }
        }

        String lookupHash(String value) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(lookupKey);
                return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
