package cn.yaan.carbonsink.web.security;

import cn.yaan.carbonsink.shared.Settings;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Arrays;

/**
 * The address a request came from (for throttling) and whether it came over HTTPS. {@code X-Forwarded-For} and
 * {@code X-Forwarded-Proto} are believed only when the connection comes from a proxy listed in
 * {@code carbonsink.trusted-proxies} (comma-separated addresses, none by default); otherwise anyone could pick their
 * own address and escape the throttle.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServletRequest request) {
        String remote = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank() && trustedProxy(remote)) {
            String[] hops = forwarded.split(",");
            String client = hops[hops.length - 1].trim();
            if (!client.isEmpty() && client.length() <= 64) {
                return client;
            }
        }
        return remote;
    }

    /** Whether the browser reached us over HTTPS: directly, or through a trusted proxy that says so. */
    public static boolean overHttps(HttpServletRequest request) {
        return request.isSecure() || ("https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"))
                && trustedProxy(request.getRemoteAddr()));
    }

    /** Whether the connection's peer is a reverse proxy listed in {@code carbonsink.trusted-proxies}. */
    static boolean trustedProxy(String address) {
        return Arrays.stream(Settings.get("carbonsink.trusted-proxies", "").split(","))
                .map(String::trim).anyMatch(address::equals);
    }
}
