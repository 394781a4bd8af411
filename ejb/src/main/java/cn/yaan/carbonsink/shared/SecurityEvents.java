package cn.yaan.carbonsink.shared;

import java.util.logging.Logger;

/**
 * The security event log: refused sign-ins, refused password changes and resets, and requests refused for their rate, each one line in the category
 * {@code cn.yaan.carbonsink.security} (WARNING), so an operator can see guessing and flooding and route the category
 * to its own file. A line names the event, the client address and, for a sign-in, a pseudonym of the account (a
 * keyed hash, never the username, which may be a phone number); never a password, name or ID number.
 */
public final class SecurityEvents {

    private static final Logger LOG = Logger.getLogger("cn.yaan.carbonsink.security");

    private SecurityEvents() {
    }

    public static void signInRefused(String reason, String accountPseudonym, String address) {
        LOG.warning(() -> "sign-in refused (" + reason + ") account=" + accountPseudonym + " from=" + address);
    }

    /** A password change or reset refused (a wrong current password, a wrong or expired code, throttled). */
    public static void passwordRefused(String reason, String accountPseudonym, String address) {
        LOG.warning(() -> "password change refused (" + reason + ") account=" + accountPseudonym + " from=" + address);
    }

    public static void rateLimited(String what, String address, long retryAfterSeconds) {
        LOG.warning(() -> "rate limited (" + what + ") from=" + address + " retry-after=" + retryAfterSeconds + "s");
    }
}
