package cn.yaan.carbonsink.web.security;

import cn.yaan.carbonsink.shared.Settings;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import jakarta.servlet.ServletContext;

import java.net.InetSocketAddress;

/**
 * HTTPS as the browser sees it, decided before anything else handles a request (authentication included):
 * <ul>
 *   <li>behind a TLS-terminating reverse proxy listed in {@code carbonsink.trusted-proxies}, a request the proxy marks
 *       {@code X-Forwarded-Proto: https} is treated as an HTTPS request: the servlet API says so ({@code isSecure},
 *       {@code https} in built addresses and redirects) and every cookie of the answer is marked {@code Secure}. The
 *       header from any other address is ignored, as {@link ClientAddress} ignores its {@code X-Forwarded-For};</li>
 *   <li>when the public address ({@code carbonsink.public-url}) is {@code https}, a request that did not come over
 *       HTTPS is sent there: 301 for GET and HEAD, 308 (same method and body) otherwise. The health probes
 *       ({@code /api/v1/health/}) still answer over plain HTTP, for load balancers and monitoring on the host.</li>
 * </ul>
 * {@code Strict-Transport-Security} is set by {@link SecurityHeaders} on every answer that went over HTTPS.
 */
public class HttpsRequests implements ServletExtension {

    static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    @Override
    public void handleDeployment(DeploymentInfo deploymentInfo, ServletContext servletContext) {
        deploymentInfo.addInitialHandlerChainWrapper(next -> exchange -> handle(exchange, next));
    }

    static void handle(HttpServerExchange exchange, HttpHandler next) throws Exception {
        if (!exchange.isSecure() && forwardedOverHttps(exchange)) {
            exchange.setRequestScheme("https");
            exchange.addResponseCommitListener(committed -> {
                for (Cookie cookie : committed.responseCookies()) {
                    cookie.setSecure(true);
                }
            });
        }
        String publicUrl = Settings.publicUrl();
        if (!exchange.isSecure() && publicUrl.startsWith("https://")
                && !exchange.getRequestPath().startsWith("/api/v1/health/")) {
            String query = exchange.getQueryString();
            boolean safe = exchange.getRequestMethod().equals(Methods.GET) || exchange.getRequestMethod().equals(Methods.HEAD);
            exchange.setStatusCode(safe ? StatusCodes.MOVED_PERMANENTLY : StatusCodes.PERMANENT_REDIRECT);
            exchange.getResponseHeaders().put(Headers.LOCATION,
                    publicUrl + exchange.getRequestURI() + (query.isEmpty() ? "" : "?" + query));
            exchange.endExchange();
            return;
        }
        next.handleRequest(exchange);
    }

    private static boolean forwardedOverHttps(HttpServerExchange exchange) {
        InetSocketAddress peer = exchange.getSourceAddress();
        return "https".equalsIgnoreCase(exchange.getRequestHeaders().getFirst(FORWARDED_PROTO))
                && peer != null && peer.getAddress() != null
                && ClientAddress.trustedProxy(peer.getAddress().getHostAddress());
    }
}
