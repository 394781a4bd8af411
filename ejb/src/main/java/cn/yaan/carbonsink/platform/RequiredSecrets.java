package cn.yaan.carbonsink.platform;

import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * Production refuses to start rather than generate, guess or default what it must be given: before anything else
 * runs (the database migration depends on this bean), a configuration that is not the embedded default
 * ({@link Settings#embedded()}) is checked, and the deployment fails with a message that names every problem found:
 * <ul>
 *   <li>each secret of {@link #SECRETS} is set (as a property, or in a file named by {@code <property>.file});</li>
 *   <li>a file holding a secret is readable by the server's account only;</li>
 *   <li>certificates are signed with a key from a keystore (never one generated and kept in the database, where
 *       every dump would carry it);</li>
 *   <li>the public address, which goes into every certificate's QR code and link, is an {@code https} address of a
 *       real host, never unset (the embedded default then takes each request's address) nor a local address (test
 *       servers, whose clock can be moved, may use one);</li>
 *   <li>the simulated payment provider, if switched on, has its callback secret.</li>
 * </ul>
 * The embedded default goes on generating its own secrets. A production start without any payment provider is
 * allowed but logged as a SEVERE warning: its orders can never be paid. A configured WeChat Pay (its merchant id
 * set) must have its keys, each key file readable by the server's account only.
 */
@Singleton
@Startup
public class RequiredSecrets {

    private static final Logger LOG = Logger.getLogger(RequiredSecrets.class.getName());

    /** A secret production must be given: the system property the application reads and its environment variable. */
    record Secret(String property, String environment, String what) {
    }

    static final List<Secret> SECRETS = List.of(
            new Secret("carbonsink.personal-data-key", "CARBONSINK_PERSONAL_DATA_KEY",
                    "the key that seals personal data at rest (base64 of 32 random bytes: openssl rand -base64 32)"));

    /** The secrets that may be kept in a file (property {@code <name>.file}, variable {@code <VARIABLE>_FILE}). */
    static final List<String> SECRETS_IN_FILES = List.of("carbonsink.personal-data-key",
            "carbonsink.personal-data-key.previous",
            "carbonsink.signing.keystore-password", "carbonsink.payments.simulated.secret",
            "carbonsink.bootstrap-admin-password", "carbonsink.metrics.token", "carbonsink.db.owner-password",
            "carbonsink.payments.wechat.private-key", "carbonsink.payments.wechat.api-v3-key",
            "carbonsink.payments.alipay.private-key");

    /** What Alipay needs once its application id is set. */
    static final List<Secret> ALIPAY = List.of(
            new Secret("carbonsink.payments.alipay.private-key", "CARBONSINK_ALIPAY_PRIVATE_KEY_FILE",
                    "the application's private key (RSA2, PKCS#8)"),
            new Secret("carbonsink.payments.alipay.public-key", "CARBONSINK_ALIPAY_PUBLIC_KEY_FILE",
                    "Alipay's public key (支付宝公钥), which verifies its answers and notifications"));

    /** What WeChat Pay needs once its merchant id is set: property, environment variable, what it is. */
    static final List<Secret> WECHAT = List.of(
            new Secret("carbonsink.payments.wechat.app-id", "CARBONSINK_WECHAT_APP_ID",
                    "the AppID bound to the merchant (公众号 or 移动应用)"),
            new Secret("carbonsink.payments.wechat.merchant-serial", "CARBONSINK_WECHAT_MERCHANT_SERIAL",
                    "the serial number of the merchant's API certificate"),
            new Secret("carbonsink.payments.wechat.private-key", "CARBONSINK_WECHAT_PRIVATE_KEY_FILE",
                    "the merchant's API private key (apiclient_key.pem)"),
            new Secret("carbonsink.payments.wechat.public-key-id", "CARBONSINK_WECHAT_PUBLIC_KEY_ID",
                    "the id of WeChat Pay's public key (PUB_KEY_ID_...)"),
            new Secret("carbonsink.payments.wechat.public-key", "CARBONSINK_WECHAT_PUBLIC_KEY_FILE",
                    "WeChat Pay's public key (pub_key.pem), which verifies its answers and notifications"),
            new Secret("carbonsink.payments.wechat.api-v3-key", "CARBONSINK_WECHAT_API_V3_KEY_FILE",
                    "the APIv3 key (32 characters), which decrypts notifications"));

    @PostConstruct
    void check() {
        if (Settings.embedded()) {
            return;
        }
        List<String> problems = problems(Settings::secret, key -> Settings.get(key, null), AppClock.controllable());
        for (String secret : SECRETS_IN_FILES) {
            String file = Settings.secretFile(secret);
            if (file != null) {
                openToOthers(Path.of(file)).ifPresent(problems::add);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("This production configuration is incomplete, so it does not start: "
                    + String.join("; ", problems) + ". Set what is missing (README, Configuration), or run the "
                    + "embedded default (carbonsink.embedded=true), which generates its own secrets.");
        }
        if (!Settings.flag("carbonsink.simulated-payments")
                && Settings.get("carbonsink.payments.wechat.merchant-id", null) == null
                && Settings.get("carbonsink.payments.alipay.app-id", null) == null) {
            LOG.severe("No payment provider is configured: orders of units and bookings hold their units and places "
                    + "until they expire and can never be paid. Configure WeChat Pay or Alipay (README, Payments in "
                    + "production).");
        }
    }

    /**
     * What is wrong with a production configuration, each problem a sentence naming what to set. {@code secrets}
     * answers a secret's value, {@code settings} any other property's.
     */
    static List<String> problems(UnaryOperator<String> secrets, UnaryOperator<String> settings, boolean testServer) {
        List<String> problems = new ArrayList<>();
        for (Secret s : SECRETS) {
            if (secrets.apply(s.property()) == null) {
                problems.add(s.environment() + " (system property " + s.property() + ") is missing: " + s.what());
            }
        }
        if (settings.apply("carbonsink.signing.keystore") == null) {
            problems.add("CARBONSINK_SIGNING_KEYSTORE (system property carbonsink.signing.keystore) is missing: the "
                    + "PKCS#12 keystore of the Ed25519 key that signs certificates; production never generates it");
        }
        publicUrlProblem(settings.apply("carbonsink.public-url"), testServer).ifPresent(problems::add);
        if (settings.apply("carbonsink.payments.wechat.merchant-id") != null) {
            for (Secret s : WECHAT) {
                boolean inFile = s.environment().endsWith("_FILE");
                if ((inFile ? secrets.apply(s.property()) : settings.apply(s.property())) == null) {
                    problems.add(s.environment() + " is missing: WeChat Pay is configured (CARBONSINK_WECHAT_MERCHANT_ID)"
                            + " and needs " + s.what());
                }
            }
        }
        if (settings.apply("carbonsink.payments.alipay.app-id") != null) {
            for (Secret s : ALIPAY) {
                if (secrets.apply(s.property()) == null) {
                    problems.add(s.environment() + " is missing: Alipay is configured (CARBONSINK_ALIPAY_APP_ID) and "
                            + "needs " + s.what());
                }
            }
        }
        if (Boolean.parseBoolean(settings.apply("carbonsink.simulated-payments"))
                && secrets.apply("carbonsink.payments.simulated.secret") == null) {
            problems.add("CARBONSINK_SIMULATED_PAYMENTS_SECRET (system property carbonsink.payments.simulated.secret) "
                    + "is missing: the simulated payment provider is on and its callbacks need their secret");
        }
        return problems;
    }

    static Optional<String> publicUrlProblem(String url, boolean testServer) {
        String which = "CARBONSINK_PUBLIC_URL (system property carbonsink.public-url) ";
        if (url == null) {
            return Optional.of(which + "is missing: the https address people reach the site at");
        }
        URI address;
        try {
            address = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of(which + "is not an address: " + url);
        }
        String host = address.getHost() == null ? "" : address.getHost().toLowerCase(Locale.ROOT);
        boolean local = host.isEmpty() || host.equals("localhost") || host.endsWith(".localhost")
                || host.startsWith("127.") || host.equals("[::1]") || host.equals("0.0.0.0");
        if (testServer && local && address.getScheme() != null) {
            return Optional.empty();
        }
        if (local) {
            return Optional.of(which + "is " + url + ", a local address that no phone can open: set the "
                    + "https address people reach the site at, which every certificate's QR code carries");
        }
        if (!"https".equalsIgnoreCase(address.getScheme())) {
            return Optional.of(which + "is " + url + ": certificates and the offline verifier need an "
                    + "https address (a browser gives its service worker and signature checks to secure pages only)");
        }
        return Optional.empty();
    }

    /** A problem if the file of a secret can be read or written by others than the server's account. */
    static Optional<String> openToOthers(Path file) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("the secret file " + file + " cannot be read: " + e.getMessage());
        }
        Set<PosixFilePermission> others = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
        others.retainAll(permissions);
        return others.isEmpty() ? Optional.empty() : Optional.of("the secret file " + file
                + " is open to other accounts (" + others + "): make it readable by the server's account only "
                + "(chmod 600)");
    }
}
