package cn.yaan.carbonsink.it;

import cn.yaan.carbonsink.shared.HostileImages;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads that would cost the server far more to decode than they cost to send: a progressive JPEG of a thousand
 * scans (74 KiB took 11.8 s of CPU), a 16-bit PNG (121 KiB took 128 MB). Anyone may send them to the image
 * verification, and officers to a planting's photos; both read them with the same guarded reader.
 */
@ServerIT
class HostileUploadsIT {

    private final Api api = Api.server();
    private final Random random = new Random();

    private Api.Reply verify(byte[] image, String contentType, String address) {
        return api.send(api.request("/api/v1/public/verifications/image").header("Content-Type", contentType)
                .header("X-Forwarded-For", address).POST(HttpRequest.BodyPublishers.ofByteArray(image)));
    }

    private String address() {
        return "192.0.2." + (1 + random.nextInt(254));
    }

    @Test
    void costlyImagesAreRefusedFromTheirHeadersWhileTheServerKeepsAnswering() throws Exception {
        byte[] scans = HostileImages.manyScans(1000, 1000, 1000);
        byte[] deep = HostileImages.write(HostileImages.picture(2000, 2000, BufferedImage.TYPE_USHORT_GRAY), "png");
        assertThat(scans.length).isLessThan(1024 * 1024);
        List<Callable<Api.Reply>> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String address = "198.51.100." + (100 + i);
            requests.add(() -> verify(scans, "image/jpeg", address));
            requests.add(() -> verify(deep, "image/png", address));
            requests.add(() -> api.get("/api/v1/public/ping"));
        }
        List<Api.Reply> replies = LedgerIT.inParallel(requests);
        for (int i = 0; i < replies.size(); i += 3) {
            JsonObject first = ErrorsIT.problem(replies.get(i), 400);
            assertThat(first.getString("detail")).contains("1010 progressive scans");
            assertThat(first.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("image");
            assertThat(ErrorsIT.problem(replies.get(i + 1), 400).getString("detail")).contains("16 bits");
            assertThat(replies.get(i + 2).status()).as("the server answers while the uploads are refused").isEqualTo(200);
        }
    }

    @Test
    void aPlantingPhotoIsReadByTheSameGuardedReader() throws Exception {
        String officer = api.token("officer");
        String order = "/api/v1/restoration-orders/" + api.postJson("/api/v1/restoration-orders",
                RestorationIT.order(RestorationIT.caseNumber(), RestorationIT.residentId(), "REPLANT",
                        RestorationIT.replant(10)), api.token("court")).json().getJsonNumber("id");
        JsonObject planted = api.postJson(order + "/plantings", "{\"date\":\"2024-04-01\",\"trees\":5,\"species\":\"云杉\","
                + "\"latitude\":30.01,\"longitude\":102.98}", officer).json();
        String photos = order + "/plantings/" + planted.getJsonArray("plantings").getJsonObject(0).getJsonNumber("id") + "/photos";
        Api.Reply refused = api.send(Api.authorized(api.request(photos).header("Content-Type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(HostileImages.manyScans(1000, 1000, 1000))), officer));
        assertThat(ErrorsIT.problem(refused, 400).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("photo");
        assertThat(api.get(order, officer).json().getJsonArray("plantings").getJsonObject(0).getJsonArray("photos")).isEmpty();
    }

    @Test
    void oneClientHasTwentyImageVerificationsAMinuteThenA429WithRetryAfter() throws Exception {
        byte[] blank = HostileImages.write(new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB), "png");
        String address = address();
        for (int i = 0; i < 20; i++) {
            Api.Reply reply = verify(blank, "image/png", address);
            assertThat(reply.status()).as("verification " + (i + 1) + ": " + reply).isEqualTo(422);
        }
        Api.Reply limited = verify(blank, "image/png", address);
        JsonObject problem = ErrorsIT.problem(limited, 429);
        assertThat(problem.getString("type")).endsWith("/too-many-requests");
        assertThat(Long.parseLong(limited.header("Retry-After").orElseThrow())).isBetween(1L, 61L);
        String other;
        do {
            other = address();
        } while (other.equals(address));
        assertThat(verify(blank, "image/png", other).status()).as("another client is not limited").isEqualTo(422);
    }
}
