package cn.yaan.carbonsink.certificate;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The address part of scanned text, the part before the signed payload ({@code {public URL}/v/{number}#payload}):
 * whether it names the number the payload signs, and whether it points at this server's public address. A genuine
 * payload placed after another number, or under a look-alike site, must never read as a plain VALID
 * (docs/CERTIFICATES.md, Verifying). A bare payload has no address and is judged by its signature alone.
 */
final class ScannedAddress {

    private ScannedAddress() {
    }

    /** Scanned text cut at its payload: the address before it (empty for a bare payload) and the payload. */
    record Parts(String address, String payload) {
    }

    /**
     * Cuts trimmed scanned text at its payload: after the last {@code #}, or after the last {@code p=} of a URL (an
     * older form, {@code ...?p=payload}); else the whole text is the payload.
     */
    static Parts parts(String scanned) {
        String text = scanned == null ? "" : scanned.trim();
        int hash = text.lastIndexOf('#');
        if (hash >= 0) {
            return new Parts(text.substring(0, hash), text.substring(hash + 1));
        }
        int query = text.lastIndexOf("p=");
        if (query >= 0 && text.contains("://")) {
            String before = text.substring(0, query);
            int question = before.lastIndexOf('?');
            return new Parts(question >= 0 ? before.substring(0, question) : before, text.substring(query + 2));
        }
        return new Parts("", text);
    }

    /** The text before the payload, trimmed; empty for a bare payload. */
    static String of(String scanned) {
        return parts(scanned).address();
    }

    /**
     * Whether the address is absent (a bare payload) or its path ends in {@code /v/{number}} with the signed
     * number (typed loosely, as numbers are read everywhere).
     */
    static boolean names(String scanned, String signedNumber) {
        String address = of(scanned);
        if (address.isEmpty()) {
            return true;
        }
        String path = path(address);
        int v = path.lastIndexOf("/v/");
        if (v < 0) {
            return false;
        }
        String segment = path.substring(v + 3);
        if (segment.endsWith("/")) {
            segment = segment.substring(0, segment.length() - 1);
        }
        Optional<String> number = CertificateNumbers.normalize(segment);
        return number.isPresent() && number.get().equals(signedNumber);
    }

    /**
     * Whether the address names an origin (scheme, host, port) other than the public URL's. A bare payload, or a
     * path without an origin, is not foreign; an address that does not parse as a URL but claims a scheme is.
     */
    static boolean foreign(String scanned, String publicUrl) {
        String address = of(scanned);
        if (!address.contains("://")) {
            return false;
        }
        Optional<String> origin = origin(address);
        return origin.isEmpty() || !origin.equals(originOfSite(publicUrl));
    }

    /** The site's own address and its origin, parsed once: the site's address rarely changes, scans never stop. */
    private record Site(String url, Optional<String> origin) {
    }

    private static volatile Site site = new Site("", Optional.empty());

    private static Optional<String> originOfSite(String publicUrl) {
        Site known = site;
        if (!known.url().equals(publicUrl)) {
            known = new Site(publicUrl, origin(publicUrl));
            site = known;
        }
        return known.origin();
    }

    private static String path(String address) {
        int scheme = address.indexOf("://");
        String rest = scheme >= 0 ? address.substring(scheme + 3) : address;
        int slash = scheme >= 0 ? rest.indexOf('/') : 0;
        String path = slash < 0 ? "" : rest.substring(slash);
        int query = path.indexOf('?');
        return query >= 0 ? path.substring(0, query) : path;
    }

    /** {@code scheme://host:port}, lower case, the port explicit. */
    static Optional<String> origin(String url) {
        try {
            URI uri = new URI(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
