package cn.yaan.carbonsink.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a TLS-terminating reverse proxy (docs/OPERATIONS.md): the suite's server believes {@code X-Forwarded-Proto}
 * from its proxy at 127.0.0.1 only (CARBONSINK_TRUSTED_PROXIES). Requests are sent from two local addresses over raw
 * sockets: 127.0.0.1, the trusted proxy, and 127.0.0.2, anyone else on the network.
 */
class ReverseProxyIT {

    private static final String PROXY = "127.0.0.1";
    private static final String SOMEONE_ELSE = "127.0.0.2";
    private static final String HOST = "carbonsink.example.cn";

    private final int port = URI.create(System.getProperty("it.base-url")).getPort();

    @Test
    void aTrustedProxySayingHttpsGetsSecureCookiesHstsAndHttpsRedirects() throws IOException {
        List<String> home = head(PROXY, "/", "X-Forwarded-Proto: https");
        assertThat(header(home, "Set-Cookie")).as("the session cookie").startsWith("JSESSIONID=")
                .containsIgnoringCase("; secure");
        assertThat(header(home, "Strict-Transport-Security")).isEqualTo("max-age=31536000");

        List<String> protectedPage = head(PROXY, "/account/mine.xhtml", "X-Forwarded-Proto: https");
        assertThat(protectedPage.get(0)).contains(" 302 ");
        assertThat(header(protectedPage, "Location")).isEqualTo("https://" + HOST + "/login.xhtml?next=%2Faccount%2Fmine.xhtml");
    }

    @Test
    void theSameHeaderFromAnyOtherAddressIsIgnored() throws IOException {
        List<String> home = head(SOMEONE_ELSE, "/", "X-Forwarded-Proto: https");
        assertThat(header(home, "Set-Cookie")).startsWith("JSESSIONID=").doesNotContainIgnoringCase("secure");
        assertThat(header(home, "Strict-Transport-Security")).isNull();

        List<String> protectedPage = head(SOMEONE_ELSE, "/account/mine.xhtml", "X-Forwarded-Proto: https");
        assertThat(header(protectedPage, "Location")).isEqualTo("http://" + HOST + "/login.xhtml?next=%2Faccount%2Fmine.xhtml");
    }

    @Test
    void theTrustedProxyWithoutTheHeaderIsPlainHttp() throws IOException {
        List<String> home = head(PROXY, "/");
        assertThat(header(home, "Set-Cookie")).startsWith("JSESSIONID=").doesNotContainIgnoringCase("secure");
        assertThat(header(home, "Strict-Transport-Security")).isNull();
    }

    /** The status line and headers of a GET sent from the local address {@code from}, as a proxy would send it. */
    private List<String> head(String from, String path, String... headers) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 10_000);
            socket.setSoTimeout(60_000);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + HOST
                    + "\r\nConnection: close\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return Arrays.asList(answer.substring(0, answer.indexOf("\r\n\r\n")).split("\r\n"));
        }
    }

    private static String header(List<String> head, String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        return head.stream().skip(1).filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                .map(line -> line.substring(prefix.length()).trim()).findFirst().orElse(null);
    }
}
