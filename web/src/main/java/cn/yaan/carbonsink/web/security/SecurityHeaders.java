package cn.yaan.carbonsink.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The security headers of every answer, pages and API alike, set in this one place:
 * <ul>
 *   <li>{@code Content-Security-Policy}: the API answers data only ({@code default-src 'none'}); everything else may
 *       not be framed, load plugins, change its base URL or post forms elsewhere. Faces pages get a second policy
 *       from PrimeFaces ({@code primefaces.CSP} in web.xml): {@code script-src 'self' 'nonce-...'}, so no inline
 *       script runs; browsers enforce both;</li>
 *   <li>{@code X-Content-Type-Options: nosniff} and {@code Referrer-Policy: strict-origin-when-cross-origin} (no
 *       page carries a secret in its address: a certificate's payload travels in the fragment, which is never
 *       sent);</li>
 *   <li>{@code Strict-Transport-Security} when the request came over HTTPS, directly or through a trusted proxy;</li>
 *   <li>{@code Cache-Control: no-store} on every API answer except the public data ({@code /api/v1/public/},
 *       {@code /api/v1/health/}), and on every page shown to a signed-in caller: they carry personal data. Other
 *       pages get {@code no-cache}: checked with the server each time, never shown stale (their scripts and styles
 *       are cached instead, platform/StaticCaching).</li>
 * </ul>
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders extends HttpFilter {

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final String PAGE_POLICY = "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean api = path.startsWith("/api/");
        response.setHeader("Content-Security-Policy", api ? API_POLICY : PAGE_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        if (ClientAddress.overHttps(request)) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
        if (api ? !path.startsWith("/api/v1/public/") && !path.startsWith("/api/v1/health/")
                : request.getUserPrincipal() != null && page(path)) {
            response.setHeader("Cache-Control", "no-store");
        } else if (!api && page(path)) {
            response.setHeader("Cache-Control", "no-cache");
        }
        chain.doFilter(request, response);
    }

    /** Faces pages, the home page and certificates' short addresses; not scripts, styles and images. */
    private static boolean page(String path) {
        return path.endsWith(".xhtml") || path.equals("/") || path.startsWith("/v/");
    }
}
