package cn.yaan.carbonsink.web.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;

/**
 * Caching of scripts, styles and images: an address with a version ({@code ?v=}, the content's hash or the library's
 * release, see pages/StaticAssets) never changes its content, so browsers keep it a year without asking again; an
 * address without one is checked with the server each time (a 304 when unchanged). This filter alone decides: the
 * Faces resource handler's own week ({@code Cache-Control}, {@code Expires}) is left out. Pages are never cached
 * (security/SecurityHeaders).
 */
@WebFilter(urlPatterns = {"/resources/*", "/jakarta.faces.resource/*", "/favicon.svg"}, asyncSupported = true)
public class StaticCaching extends HttpFilter {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Cache-Control", request.getParameter("v") != null ? IMMUTABLE : "no-cache");
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void setHeader(String name, String value) {
                if (!decided(name)) {
                    super.setHeader(name, value);
                }
            }

            @Override
            public void addHeader(String name, String value) {
                if (!decided(name)) {
                    super.addHeader(name, value);
                }
            }

            @Override
            public void setDateHeader(String name, long date) {
                if (!decided(name)) {
                    super.setDateHeader(name, date);
                }
            }

            @Override
            public void addDateHeader(String name, long date) {
                if (!decided(name)) {
                    super.addDateHeader(name, date);
                }
            }
        });
    }

    private static boolean decided(String header) {
        return "Cache-Control".equalsIgnoreCase(header) || "Expires".equalsIgnoreCase(header);
    }
}
