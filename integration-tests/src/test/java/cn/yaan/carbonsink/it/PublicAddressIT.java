package cn.yaan.carbonsink.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The address certificates are built on. With a public address configured (the suite's server, like production),
 * every client gets it, whatever address it used. The embedded default without one (a server of its own here)
 * builds QR codes, PDF short addresses, share images and links on the address the request came to, and what it
 * renders for one address is never what a client of another gets.
 */
class PublicAddressIT {

    private static String retire(Api api) {
        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, code, 1_000);
        Api.Reply retired = api.postJson("/api/v1/retirements", Json.createObjectBuilder().add("projectCode", code)
                .add("quantityKg", 100).add("beneficiary", "雅安茶业有限公司").add("purpose", "DIRECT").build()
                .toString(), api.token("officer"));
        assertThat(retired.status()).as(retired.toString()).isEqualTo(201);
        return retired.json().getString("certificateNo");
    }

    private static String verifyUrl(Api api, String number) {
        return api.get("/api/v1/public/certificates/" + number).json().getString("verifyUrl");
    }

    /** The same server by its IP address instead of localhost: another Host header. */
    private static Api byAddress(Api api) {
        return new Api(api.baseUrl().replace("://localhost:", "://127.0.0.1:"));
    }

    private static String qr(Api api, String path) throws Exception {
        Api.Reply png = api.get(path);
        assertThat(png.status()).as(png.toString()).isEqualTo(200);
        return CertificateIT.decodeQr(ImageIO.read(new ByteArrayInputStream(png.bytes())));
    }

    private static JsonObject verify(Api api, String scanned) {
        return api.postJson("/api/v1/public/verifications", Json.createObjectBuilder().add("qr", scanned).build()
                .toString()).json();
    }

    /** A request with a Host header of the caller's choosing (java.net.http will not send one): the status line. */
    private static String withHost(Api api, String path, String host) throws Exception {
        int port = Integer.parseInt(api.baseUrl().substring(api.baseUrl().lastIndexOf(':') + 1));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return answer.substring(0, answer.indexOf("\r\n"));
        }
    }

    @Test
    void aConfiguredPublicAddressIsWhatEveryClientGets() {
        Api api = Api.server();
        String number = retire(api);
        assertThat(verifyUrl(byAddress(api), number)).startsWith("http://localhost:8080/v/" + number + "#");
        assertThat(CertificateFiles.text(byAddress(api).get("/api/v1/public/certificates/" + number + "/pdf").bytes()))
                .contains("http://localhost:8080/v/" + number);
    }

    @Test
    void withoutOneTheEmbeddedDefaultUsesTheAddressEachRequestCameTo() throws Exception {
        // The embedded default is the H2 configuration; the PostgreSQL suite's servers are production.
        org.junit.jupiter.api.Assumptions.assumeFalse(TestDatabase.postgresql(), "no embedded default on PostgreSQL");
        try (ServerProcess server = new ServerProcess()) {
            server.start(Map.of("CARBONSINK_PUBLIC_URL", ""));
            Api local = server.api();
            Api other = byAddress(local);
            String number = retire(local);
            String atLocal = verifyUrl(local, number);
            String atOther = verifyUrl(other, number);
            assertThat(atLocal).startsWith(local.baseUrl() + "/v/" + number + "#");
            assertThat(atOther).startsWith(other.baseUrl() + "/v/" + number + "#");

            String qrPath = "/api/v1/public/certificates/" + number + "/qr.png?size=400";
            assertThat(qr(other, qrPath)).isEqualTo(atOther);
            assertThat(qr(local, qrPath)).as("kept per address, never the other client's").isEqualTo(atLocal);
            assertThat(other.get(qrPath).header("ETag")).isNotEqualTo(local.get(qrPath).header("ETag"));
            assertThat(other.get(qrPath).header("Vary")).hasValue("Host");
            String sharePath = "/api/v1/public/certificates/" + number + "/share.png";
            assertThat(qr(other, sharePath)).isEqualTo(atOther);
            assertThat(qr(local, sharePath)).isEqualTo(atLocal);
            byte[] pdf = other.get("/api/v1/public/certificates/" + number + "/pdf").bytes();
            assertThat(CertificateFiles.text(pdf)).contains(other.baseUrl() + "/v/" + number);
            assertThat(CertificateFiles.qrOfPdf(pdf)).isEqualTo(atOther);
            assertThat(CertificateFiles.text(local.get("/api/v1/public/certificates/" + number + "/pdf").bytes()))
                    .contains(local.baseUrl() + "/v/" + number).doesNotContain("127.0.0.1");

            // The verify page and the verification take the request's address as the official one.
            assertThat(other.get("/v/" + number).body()).contains("data-public-url=\"" + other.baseUrl() + "\"");
            JsonObject here = verify(other, atOther);
            assertThat(here.getString("status")).isEqualTo("VALID");
            assertThat(here.getBoolean("foreignOrigin")).isFalse();
            assertThat(here.getJsonObject("certificate").getString("verifyUrl")).isEqualTo(atOther);
            assertThat(verify(local, atOther).getBoolean("foreignOrigin")).as("asked at another address").isTrue();
            assertThat(verify(local, atLocal).getJsonObject("certificate").getString("verifyUrl"))
                    .as("the answer kept for one address is not another's").isEqualTo(atLocal);

            // A Host header of someone else's choosing changes that client's answer only; a malformed one nobody's.
            assertThat(withHost(local, "/api/v1/public/certificates/" + number, "evil.example")).contains(" 200 ");
            assertThat(withHost(local, "/api/v1/public/certificates/" + number, "evil.example\" onload=\"x"))
                    .doesNotContain(" 500 ");
            assertThat(verifyUrl(local, number)).isEqualTo(atLocal);
            assertThat(qr(local, qrPath)).isEqualTo(atLocal);
        }
    }
}
