package cn.yaan.carbonsink.it;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Suites that need something a developer's machine may lack (Chromium, PostgreSQL) skip without it, so the README's
 * plain {@code ./mvnw verify} works anywhere. CI provisions them and says so with {@code -Dit.require=browser} or
 * {@code -Dit.require=postgresql}: a required suite that cannot run fails instead of skipping, so a broken install
 * or a property that no longer reaches the tests cannot pass as green.
 */
public final class RequiredSuites {

    public static final String BROWSER = "browser";
    public static final String POSTGRESQL = "postgresql";

    private RequiredSuites() {
    }

    /** Runs on when {@code available}; otherwise fails if the run requires {@code suite}, else skips. */
    public static void assumeAvailable(String suite, boolean available, String why) {
        if (!available && Arrays.asList(System.getProperty("it.require", "").split(",")).contains(suite)) {
            fail(why + ", but this run requires the " + suite + " suite (it.require=" + System.getProperty("it.require") + ")");
        }
        assumeTrue(available, why);
    }
}
