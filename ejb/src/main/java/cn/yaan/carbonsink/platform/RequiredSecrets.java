package cn.yaan.carbonsink.platform;

import cn.yaan.carbonsink.shared.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Production refuses to start without its secrets rather than generate or guess them: before anything else runs
 * (the database migration depends on this bean), a configuration that is not the embedded default
 * ({@link Settings#embedded()}) must have every secret of {@link #SECRETS} set, or the deployment fails with a message
 * that names each missing one. The embedded default goes on generating its own. A new secret is one more line in
 * {@link #SECRETS}.
 */
@Singleton
@Startup
public class RequiredSecrets {

    /** A secret production must be given: the system property the application reads and its environment variable. */
    record Secret(String property, String environment, String what) {
    }

    static final List<Secret> SECRETS = List.of(
            new Secret("carbonsink.personal-data-key", "CARBONSINK_PERSONAL_DATA_KEY",
                    "the key that seals personal data at rest (base64 of 32 random bytes: openssl rand -base64 32)"));

    @PostConstruct
    void check() {
        List<Secret> missing = missing(Settings.embedded(), key -> Settings.get(key, null));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("This production configuration lacks its secrets, so it does not start: "
                    + missing.stream().map(s -> s.environment() + " (system property " + s.property() + "): " + s.what())
                    .collect(Collectors.joining("; "))
                    + ". Set them, or run the embedded default (carbonsink.embedded=true), which generates its own.");
        }
    }

    static List<Secret> missing(boolean embedded, UnaryOperator<String> settings) {
        return embedded ? List.of() : SECRETS.stream().filter(s -> settings.apply(s.property()) == null).toList();
    }
}
