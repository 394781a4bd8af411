package cn.yaan.carbonsink.web.security;

import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.identity.IdentityService;
import cn.yaan.carbonsink.identity.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the platform knows who is calling (Jakarta Security):
 * <ul>
 *   <li>API clients send {@code Authorization: Bearer <token>}; the token is resolved on every request (from a
 *       cache of a few seconds, see {@code RecentTokens}) and never starts a session;</li>
 *   <li>browsers log in on the Faces login page, which checks the password and hands over a {@link VerifiedCaller};
 *       the caller is then kept in the HTTP session (a new session id is issued at login), and the REST API
 *       accepts a write from that session only with the session's anti-forgery token ({@link SessionCsrf});</li>
 *   <li>an anonymous browser asking for a protected page is sent to the login page.</li>
 * </ul>
 */
@ApplicationScoped
public class SessionAndTokenMechanism implements HttpAuthenticationMechanism {

    static final String SESSION_CALLER = "carbonsink.caller";
    static final String SESSION_SINCE = "carbonsink.since";
    private static final String BEARER = "Bearer ";

    @Inject
    IdentityService identity;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (context.getAuthParameters().getCredential() instanceof VerifiedCaller verified) {
            request.getSession(true);
            request.changeSessionId();
            request.getSession().setAttribute(SESSION_CALLER, verified.caller());
            request.getSession().setAttribute(SESSION_SINCE, identity.sessionStart());
            SessionCsrf.issue(request.getSession());
            return login(request, context, verified.caller());
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            Optional<Caller> caller = identity.resolveToken(authorization.substring(BEARER.length()).trim());
            return caller.map(c -> login(request, context, c)).orElseGet(context::doNothing);
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION_CALLER) instanceof Caller caller) {
            if (identity.sessionValid(caller.username(), (java.time.Instant) session.getAttribute(SESSION_SINCE))) {
                request.setAttribute(SessionCsrf.VIA_SESSION, Boolean.TRUE);
                return login(request, context, caller);
            }
            // Disabled, or given other roles or a new password by an administrator since signing in: signed out.
            session.invalidate();
        }
        if (context.isProtected()) {
            String next = request.getRequestURI().substring(request.getContextPath().length());
            return context.redirect(request.getContextPath() + "/login.xhtml?next="
                    + URLEncoder.encode(next, StandardCharsets.UTF_8));
        }
        return context.doNothing();
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    private static AuthenticationStatus login(HttpServletRequest request, HttpMessageContext context, Caller caller) {
        request.setAttribute(CurrentCaller.REQUEST_ATTRIBUTE, caller);
        Set<String> groups = caller.roles().stream().map(Role::name).collect(Collectors.toSet());
        return context.notifyContainerAboutLogin(caller.username(), groups);
    }
}
