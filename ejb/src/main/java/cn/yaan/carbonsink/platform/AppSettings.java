package cn.yaan.carbonsink.platform;

import cn.yaan.carbonsink.shared.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Settings an officer may change at run time: each is looked up in the database first (a row of
 * {@code app_setting}), then in the deployment's system property (its environment variable), then falls back to
 * its default. A change is written to the database, so every node sees it at once.
 */
@ApplicationScoped
public class AppSettings {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    /**
     * The whole number stored under {@code key}, else the system property {@code property}, else {@code fallback}.
     */
    public long number(String key, String property, long fallback) {
        AppSetting stored = em.find(AppSetting.class, key);
        String value = stored != null ? stored.value() : Settings.get(property, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("The setting " + key + " is not a whole number: " + value);
        }
    }

    /**
     * A secret of this installation, generated (32 random bytes, base64url) the first time it is asked for and kept
     * in the database, so every node of the installation shares it and no two installations do.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public String installationSecret(String key) {
        AppSetting stored = em.find(AppSetting.class, key);
        if (stored == null) {
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            stored = new AppSetting(key, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
            em.persist(stored);
        }
        return stored.value();
    }

    /** Stores a value under {@code key} (in the caller's transaction). */
    public void put(String key, long value) {
        AppSetting stored = em.find(AppSetting.class, key);
        if (stored != null) {
            em.remove(stored);
            em.flush();
        }
        em.persist(new AppSetting(key, Long.toString(value)));
    }
}
