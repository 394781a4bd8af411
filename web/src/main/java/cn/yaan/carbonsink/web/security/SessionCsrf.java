package cn.yaan.carbonsink.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The anti-forgery token of a signed-in browser session. The REST API believes the session cookie only for reading;
 * a write ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) that the session cookie authenticated must also
 * carry the session's token in {@value #HEADER}. The site's own pages read it from their
 * {@code <meta name="csrf-token">}; a page of another site cannot read it, and a plain form cannot send a header.
 * API clients send {@code Authorization: Bearer <token>} and need none of this.
 */
public final class SessionCsrf {

    public static final String HEADER = "X-CSRF-Token";
    static final String SESSION_TOKEN = "carbonsink.csrf-token";
    /** Set on requests whose caller came from the session cookie rather than a bearer token. */
    static final String VIA_SESSION = "carbonsink.via-session";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionCsrf() {
    }

    /** A fresh token for a session that has just signed in (a new session id is issued at the same moment). */
    static void issue(HttpSession session) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        session.setAttribute(SESSION_TOKEN, Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
    }

    /** The token of the request's signed-in session, for the pages to hand to their scripts; null without one. */
    public static String token(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (String) session.getAttribute(SESSION_TOKEN);
    }

    /** Whether this request may go ahead: anything but a write authenticated by the session without its token. */
    public static boolean allows(HttpServletRequest request) {
        if (!Boolean.TRUE.equals(request.getAttribute(VIA_SESSION)) || SAFE_METHODS.contains(request.getMethod())) {
            return true;
        }
        String expected = token(request);
        String sent = request.getHeader(HEADER);
        return expected != null && sent != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }
}
