package cn.yaan.carbonsink.web.certificate;

import cn.yaan.carbonsink.shared.Settings;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The address of the site that certificate QR codes, printed short addresses, share images and links are built
 * on: the configured public address ({@code CARBONSINK_PUBLIC_URL}) wherever one is set, which production must
 * (RequiredSecrets). Only the embedded default without one uses the address the request came to (scheme, host,
 * port), so that a phone on the same network gets codes it can open instead of {@code http://localhost:8080}.
 * There a Host header chooses what that client gets, and every kept rendering and answer is keyed by the address
 * (RenderedCertificates, VerificationAnswers), so one client's Host never reaches another.
 */
public final class PublicAddress {

    /** A host name or IPv4 address, or an IPv6 literal in brackets: nothing else ever goes into an address. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?"
            + "|\\[[0-9A-Fa-f:.]{2,45}]");

    private PublicAddress() {
    }

    /** Whether addresses come from the request: the embedded default without a configured public address. */
    public static boolean fromRequest() {
        return Settings.embedded() && !Settings.publicUrlConfigured();
    }

    /** The site's address for this request: the configured one, or (see above) the request's own. */
    public static String of(HttpServletRequest request) {
        if (!fromRequest() || request == null) {
            return Settings.publicUrl();
        }
        String scheme = String.valueOf(request.getScheme()).toLowerCase(Locale.ROOT);
        String host = request.getServerName();
        int port = request.getServerPort();
        if (host != null && host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        if (!(scheme.equals("http") || scheme.equals("https")) || host == null || !HOST.matcher(host).matches()
                || port < 1 || port > 65535) {
            return Settings.publicUrl();
        }
        boolean defaultPort = port == (scheme.equals("https") ? 443 : 80);
        return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
