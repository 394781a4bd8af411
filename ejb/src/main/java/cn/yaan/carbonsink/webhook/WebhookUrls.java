package cn.yaan.carbonsink.webhook;

import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.Settings;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Where a subscriber may be sent to (server-side request forgery): https to a public or private network address;
 * never the machine's own or a link-local address (169.254.0.0/16, fe80::/10: the clouds' metadata services live
 * there), a cloud metadata address, an unspecified or a multicast one. Loopback (and plain http to it) only when
 * {@code carbonsink.webhooks.allow-loopback} is true, for tests and a receiver on the same machine. Checked when a
 * subscription is made and again before every delivery, since a name may be made to resolve elsewhere later.
 */
final class WebhookUrls {

    static final int MAX_LENGTH = 2000;

    /** Metadata services outside the link-local range: Alibaba Cloud's, AWS's IPv6 one. */
    private static final Set<String> METADATA = Set.of("100.100.100.200", "fd00:ec2:0:0:0:0:0:254");

    private WebhookUrls() {
    }

    static boolean loopbackAllowed() {
        return Settings.flag("carbonsink.webhooks.allow-loopback");
    }

    /** The address, checked; 400 on {@code url} with the reason otherwise. */
    static URI check(String url) {
        URI uri = parse(url);
        String refusal = refusal(uri);
        if (refusal != null) {
            throw BusinessException.invalid("url", refusal);
        }
        return uri;
    }

    /** Why an address may not be sent to, or null when it may. */
    static String refusal(URI uri) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            return "The host " + uri.getHost() + " cannot be resolved.";
        }
        boolean allLoopback = true;
        for (InetAddress a : addresses) {
            if (a.isLoopbackAddress()) {
                if (!loopbackAllowed()) {
                    return "The address " + uri.getHost() + " is this machine; give a receiver on another host.";
                }
                continue;
            }
            allLoopback = false;
            if (a.isLinkLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()
                    || METADATA.contains(a.getHostAddress())) {
                return "The address " + uri.getHost() + " (" + a.getHostAddress()
                        + ") is link-local, a metadata service or not a single host; webhooks are not sent there.";
            }
        }
        if (!allLoopback && !"https".equals(uri.getScheme())) {
            return "A webhook address must use https.";
        }
        return null;
    }

    private static URI parse(String url) {
        String text = url == null ? "" : url.strip();
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw BusinessException.invalid("url", "Give the receiver's https address (at most " + MAX_LENGTH
                    + " characters).");
        }
        if (!text.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw BusinessException.invalid("url", "An address is written in printable ASCII without spaces "
                    + "(percent-encode other characters, punycode for other host names).");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw BusinessException.invalid("url", "This is not an address: " + e.getReason() + ".");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null || uri.isOpaque()) {
            throw BusinessException.invalid("url", "Give an https address such as https://cases.example.cn/hooks.");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw BusinessException.invalid("url", "An address with a user name or a fragment (#) is not accepted.");
        }
        return uri;
    }
}
