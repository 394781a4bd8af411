package cn.yaan.carbonsink.it;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificates as their readers meet them: a direct purchase's certificate, its QR code decoded by ZXing and
 * verified, a changed character caught, revocation seen online and in the signed list, an unknown certificate
 * with a genuine signature, photos of the code, the PDF read and its QR decoded, and garbage of every kind.
 */
@ServerIT
class CertificateIT {

    private final Api api = Api.server();

    private JsonObject purchase(String beneficiary) {
        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, code, 1_000);
        Api.Reply retired = api.postJson("/api/v1/retirements", Json.createObjectBuilder().add("projectCode", code)
                .add("quantityKg", 250).add("beneficiary", beneficiary).add("purpose", "DIRECT").build().toString(),
                api.token("officer"));
        assertThat(retired.status()).as(retired.toString()).isEqualTo(201);
        return retired.json();
    }

    private JsonObject verify(String scanned) {
        Api.Reply reply = api.postJson("/api/v1/public/verifications",
                Json.createObjectBuilder().add("qr", scanned).build().toString());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    static String decodeQr(BufferedImage image) throws Exception {
        return CertificateFiles.decodeQr(image);
    }

    private String scannedQr(String number) throws Exception {
        Api.Reply png = api.get("/api/v1/public/certificates/" + number + "/qr.png?size=400");
        assertThat(png.status()).isEqualTo(200);
        assertThat(png.contentType()).isEqualTo("image/png");
        return decodeQr(ImageIO.read(new ByteArrayInputStream(png.bytes())));
    }

    /**
     * A certificate's public view is a conditional read: its tag brings 304 without a body while it is unchanged, and
     * the revocation changes the answer and so the tag.
     */
    @Test
    void aCertificateAnswers304WhileUnchangedAndANewTagOnceRevoked() {
        String number = purchase("雅安市绿色能源有限公司").getString("certificateNo");
        String path = "/api/v1/public/certificates/" + number;
        Api.Reply first = api.get(path);
        String tag = first.header("ETag").orElseThrow();
        assertThat(tag).startsWith("W/\"");
        assertThat(first.header("Cache-Control").orElse("")).contains("public", "no-cache");

        Api.Reply again = api.send(api.request(path).header("If-None-Match", tag).GET());
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.bytes()).isEmpty();
        assertThat(again.header("ETag")).contains(tag);

        assertThat(api.postJson("/api/v1/certificates/" + number + "/revocation", "{\"reason\":\"判决撤销\"}",
                api.token("admin")).status()).isEqualTo(200);
        Api.Reply changed = api.send(api.request(path).header("If-None-Match", tag).GET());
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().getString("status")).isEqualTo("REVOKED");
        assertThat(changed.header("ETag").orElseThrow()).isNotEqualTo(tag);
    }

    @Test
    void aPurchaseGetsACertificateWhoseQrCodeVerifies() throws Exception {
        JsonObject retirement = purchase("雅安市绿色能源有限公司");
        String number = retirement.getString("certificateNo");
        assertThat(number).matches("R-\\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]");

        JsonObject certificate = api.get("/api/v1/public/certificates/" + number).json();
        assertThat(certificate.getString("holder")).isEqualTo("雅安***公司");
        assertThat(certificate.getString("titleZh")).isEqualTo("碳汇认购证书");
        assertThat(certificate.getJsonNumber("quantityKg").longValue()).isEqualTo(250);
        assertThat(certificate.getString("status")).isEqualTo("VALID");
        assertThat(certificate.toString()).doesNotContain("雅安市绿色能源有限公司");
        // Typed loosely, the number still finds it.
        assertThat(api.get("/api/v1/public/certificates/" + number.toLowerCase().replace("-", "")).status()).isEqualTo(200);

        String scanned = scannedQr(number);
        assertThat(scanned).isEqualTo(certificate.getString("verifyUrl")).contains("/v/" + number + "#")
                .doesNotContain("雅安市绿色能源有限公司");
        assertThat(Encoder.encode(scanned, ErrorCorrectionLevel.M).getVersion().getVersionNumber())
                .as("QR version at error correction M").isLessThanOrEqualTo(10);
        JsonObject verdict = verify(scanned);
        assertThat(verdict.getString("status")).isEqualTo("VALID");
        assertThat(verdict.getJsonObject("certificate").getString("number")).isEqualTo(number);
        // One name for the number in every answer (README, "One vocabulary"); number stays one release, deprecated.
        assertThat(verdict.getJsonObject("certificate").getString("certificateNo")).isEqualTo(number);
        assertThat(certificate.getString("certificateNo")).isEqualTo(number);
        assertThat(certificate.getJsonArray("serialRanges").getJsonObject(0).getString("first"))
                .isEqualTo(retirement.getJsonArray("serialRanges").getJsonObject(0).getString("first"));
        assertThat(certificate.getJsonArray("serialRanges").getJsonObject(0).getString("last"))
                .isEqualTo(retirement.getJsonArray("serialRanges").getJsonObject(0).getString("last"));
        assertThat(certificate.getString("issuedAt")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

        // The key that signed it is published, and the signature verifies with it as an offline verifier checks
        // it (the JDK's own Ed25519, not the server's code): payload = body + 64-byte signature, key id in bytes 1-4.
        byte[] payload = Base64.getUrlDecoder().decode(scanned.substring(scanned.indexOf('#') + 1));
        String keyId = HexFormat.of().formatHex(payload, 1, 5);
        byte[] body = Arrays.copyOf(payload, payload.length - 64);
        byte[] signature = Arrays.copyOfRange(payload, payload.length - 64, payload.length);
        PublicKey key = publishedKey(keyId);
        assertThat(ed25519Verifies(key, body, signature)).isTrue();
        body[body.length - 1] ^= 1;
        assertThat(ed25519Verifies(key, body, signature)).as("a changed byte").isFalse();

        // SVG too.
        Api.Reply svg = api.get("/api/v1/public/certificates/" + number + "/qr.svg");
        assertThat(svg.contentType()).startsWith("image/svg+xml");
        assertThat(svg.body()).startsWith("<svg");
    }

    /**
     * The published key of this key id, checked to be the key the id names (the first 4 bytes of the SHA-256 of the
     * raw 32-byte key), as an Ed25519 public key the JDK reads.
     */
    private PublicKey publishedKey(String keyId) throws Exception {
        JsonObject published = api.get("/api/v1/public/keys").jsonArray().stream().map(JsonValue::asJsonObject)
                .filter(k -> k.getString("keyId").equals(keyId)).findFirst()
                .orElseThrow(() -> new AssertionError("key " + keyId + " is not published"));
        byte[] raw = Base64.getUrlDecoder().decode(published.getString("publicKey"));
        assertThat(raw).hasSize(32);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 4)).isEqualTo(keyId);
        // X.509 SubjectPublicKeyInfo of an Ed25519 key: a fixed 12-byte header, then the raw key.
        byte[] spki = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(raw));
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }

    static boolean ed25519Verifies(PublicKey key, byte[] message, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(message);
        return verifier.verify(signature);
    }

    @Test
    void oneChangedCharacterIsAForgery() throws Exception {
        String scanned = scannedQr(purchase("张三").getString("certificateNo"));
        int hash = scanned.indexOf('#');
        int checked = 0;
        for (int i = scanned.length() - 1; i > hash + 10; i -= 7) {
            char c = scanned.charAt(i);
            char other = c == 'A' ? 'B' : 'A';
            String forged = scanned.substring(0, i) + other + scanned.substring(i + 1);
            String status = verify(forged).getString("status");
            assertThat(status).as("changed at " + i).isIn("INVALID_SIGNATURE", "MALFORMED");
            checked += status.equals("INVALID_SIGNATURE") ? 1 : 0;
        }
        assertThat(checked).isPositive();
        // The key id (bytes 1 to 4, characters 1 to 6) changed: a key nobody published.
        String payload = scanned.substring(hash + 1);
        String otherKey = payload.substring(0, 3) + (payload.charAt(3) == 'A' ? 'B' : 'A') + payload.substring(4);
        assertThat(verify(scanned.substring(0, hash + 1) + otherKey).getString("status")).isEqualTo("UNKNOWN_KEY");
        // The last character belongs to the signature: a clean forgery.
        String forged = scanned.substring(0, scanned.length() - 2) + (scanned.endsWith("AA") ? "BB" : "AA");
        assertThat(verify(forged).getString("status")).isEqualTo("INVALID_SIGNATURE");
    }

    /** The genuine bytes in a text that is not their canonical base64url (a spare bit of the last character set). */
    @Test
    void aNonCanonicalEncodingOfGenuineBytesIsAnAlteredText() throws Exception {
        // 104 bytes (a 15-byte masked holder): 139 characters, the last one with 2 spare bits.
        String scanned = scannedQr(purchase("雅安市绿色能源有限公司").getString("certificateNo"));
        int hash = scanned.indexOf('#');
        String payload = scanned.substring(hash + 1);
        assertThat(payload.length() % 4).isEqualTo(3);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String nonCanonical = payload.substring(0, payload.length() - 1)
                + alphabet.charAt(alphabet.indexOf(payload.charAt(payload.length() - 1)) | 1);
        assertThat(nonCanonical).isNotEqualTo(payload);
        assertThat(Base64.getUrlDecoder().decode(nonCanonical)).isEqualTo(Base64.getUrlDecoder().decode(payload));
        assertThat(verify(scanned.substring(0, hash + 1) + nonCanonical).getString("status")).isEqualTo("INVALID_SIGNATURE");
        assertThat(verify(scanned).getString("status")).isEqualTo("VALID");
    }

    /**
     * The address around the payload is part of the verdict: a genuine payload after another certificate's number is a
     * MISMATCH, and an address that is not the server's public one (http://localhost:8080 on the test server) is
     * flagged, whatever the verdict.
     */
    @Test
    void theAddressMustNameTheSignedNumberAndALookAlikeSiteIsFlagged() throws Exception {
        String aNumber = purchase("张三").getString("certificateNo");
        String bNumber = purchase("李四").getString("certificateNo");
        String a = scannedQr(aNumber);
        String payload = a.substring(a.indexOf('#') + 1);

        JsonObject genuine = verify(a);
        assertThat(genuine.getString("status")).isEqualTo("VALID");
        assertThat(genuine.getBoolean("foreignOrigin")).isFalse();
        JsonObject bare = verify(payload);
        assertThat(bare.getString("status")).isEqualTo("VALID");
        assertThat(bare.getBoolean("foreignOrigin")).isFalse();
        // Typed loosely, the number in the address is still the signed one.
        assertThat(verify(a.replace("/v/" + aNumber, "/v/" + aNumber.toLowerCase().replace("-", ""))).getString("status"))
                .isEqualTo("VALID");

        String swapped = a.replace("/v/" + aNumber + "#", "/v/" + bNumber + "#");
        JsonObject mismatch = verify(swapped);
        assertThat(mismatch.getString("status")).isEqualTo("MISMATCH");
        assertThat(mismatch.containsKey("certificate")).as("no certificate shown for a mismatch").isFalse();
        assertThat(mismatch.getBoolean("foreignOrigin")).isFalse();
        assertThat(verify("http://localhost:8080/verify#" + payload).getString("status")).as("no number in the address")
                .isEqualTo("MISMATCH");
        // A forged payload stays a forgery, whatever the address.
        String forged = swapped.substring(0, swapped.length() - 2) + (swapped.endsWith("AA") ? "BB" : "AA");
        assertThat(verify(forged).getString("status")).isEqualTo("INVALID_SIGNATURE");

        for (String lookAlike : List.of("http://evil.example", "https://localhost:8080", "http://localhost:8081",
                "http://localhost:8080@evil.example")) {
            JsonObject foreign = verify(lookAlike + "/v/" + aNumber + "#" + payload);
            assertThat(foreign.getString("status")).as(lookAlike).isEqualTo("VALID");
            assertThat(foreign.getBoolean("foreignOrigin")).as(lookAlike).isTrue();
        }
        JsonObject both = verify("http://evil.example/v/" + bNumber + "#" + payload);
        assertThat(both.getString("status")).isEqualTo("MISMATCH");
        assertThat(both.getBoolean("foreignOrigin")).isTrue();
        assertThat(verify("HTTP://LOCALHOST:8080/v/" + aNumber + "#" + payload).getBoolean("foreignOrigin"))
                .as("the same origin in capitals").isFalse();
    }

    private Api.Reply getIfNoneMatch(String path, String tag) {
        return api.send(api.request(path).header("If-None-Match", tag).GET());
    }

    @Test
    void renderingsCarryStrongTagsAnswer304AndARevocationChangesThePdfButNotTheQrCode() {
        String number = purchase("钱九").getString("certificateNo");
        String pdfPath = "/api/v1/public/certificates/" + number + "/pdf";
        String pngPath = "/api/v1/public/certificates/" + number + "/qr.png";
        Api.Reply pdf = api.get(pdfPath);
        String pdfTag = pdf.header("ETag").orElseThrow();
        assertThat(pdfTag).as("strong").startsWith("\"");
        assertThat(pdf.header("Cache-Control")).contains("public, no-cache");
        assertThat(api.get(pdfPath).bytes()).as("the kept rendering").isEqualTo(pdf.bytes());
        Api.Reply png = api.get(pngPath);
        String pngTag = png.header("ETag").orElseThrow();
        assertThat(png.header("Cache-Control")).contains("public, max-age=31536000, immutable");
        assertThat(api.get(pngPath + "?size=600").header("ETag")).as("each size its own").isNotEqualTo(Optional.of(pngTag));

        Api.Reply unchanged = getIfNoneMatch(pdfPath, pdfTag);
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.bytes()).isEmpty();
        assertThat(getIfNoneMatch(pngPath, pngTag).status()).isEqualTo(304);

        assertThat(api.postJson("/api/v1/certificates/" + number + "/revocation", "{\"reason\":\"判决撤销\"}",
                api.token("admin")).status()).isEqualTo(200);
        Api.Reply revoked = getIfNoneMatch(pdfPath, pdfTag);
        assertThat(revoked.status()).as("the PDF of a revoked certificate is another PDF").isEqualTo(200);
        assertThat(revoked.header("ETag").orElseThrow()).isNotEqualTo(pdfTag);
        assertThat(pdfText(api, number)).contains("已撤销 REVOKED", "判决撤销");
        assertThat(getIfNoneMatch(pngPath, pngTag).status()).as("the QR code is the same").isEqualTo(304);
    }

    @Test
    void aRevokedCertificateIsRevokedOnlineAndInTheSignedList() throws Exception {
        String number = purchase("李四").getString("certificateNo");
        String scanned = scannedQr(number);
        // Verified once before, so the answer a crowd of scans would reuse is there when the revocation comes.
        assertThat(verify(scanned).getString("status")).isEqualTo("VALID");
        Api.Reply revoked = api.postJson("/api/v1/certificates/" + number + "/revocation",
                "{\"reason\":\"Paid with a stolen card\"}", api.token("admin"));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().getString("status")).isEqualTo("REVOKED");
        JsonObject afterwards = verify(scanned);
        assertThat(afterwards.getString("status")).isEqualTo("REVOKED");
        assertThat(afterwards.getJsonObject("certificate").getString("revocationReason")).isEqualTo("Paid with a stolen card");
        assertThat(ErrorsIT.problem(api.postJson("/api/v1/certificates/" + number + "/revocation",
                "{\"reason\":\"again\"}", api.token("admin")), 409).getString("type")).endsWith("already-revoked");

        // The revocation's answer and the signed list give the same time, to the same digits.
        String revokedAt = revoked.json().getString("revokedAt");
        assertThat(revokedAt).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        JsonObject list = api.get("/api/v1/public/revocations").json();
        String entry = number + " " + revokedAt + " Paid with a stolen card";
        // Signed as docs/CERTIFICATES.md says: by the key keyId, over text, which is read after it verified.
        String text = list.getString("text");
        assertThat(text).startsWith("carbonsink-revocations 2\nsequence " + list.getJsonNumber("sequence").longValue()
                + "\nkind FULL\ngenerated " + list.getString("generatedAt") + "\n").contains("\n" + entry + "\n").endsWith("\n");
        assertThat(list.getString("kind")).isEqualTo("FULL");
        assertThat(list.getJsonArray("entries").size()).isEqualTo(list.getJsonNumber("sequence").intValue())
                .isEqualTo(text.split("\n").length - 4);
        assertThat(list.getJsonArray("entries").getValuesAs(JsonObject.class)).anySatisfy(e -> {
            assertThat(e.getString("number")).isEqualTo(number);
            assertThat(e.getString("certificateNo")).isEqualTo(number);
            assertThat(e.getString("revokedAt")).isEqualTo(revokedAt);
            assertThat(e.getString("reason")).isEqualTo("Paid with a stolen card");
        });
        byte[] signature = Base64.getUrlDecoder().decode(list.getString("signature"));
        PublicKey key = publishedKey(list.getString("keyId"));
        assertThat(ed25519Verifies(key, text.getBytes(StandardCharsets.UTF_8), signature)).isTrue();
        String withoutTheLast = text.substring(0, text.lastIndexOf('\n', text.length() - 2) + 1);
        assertThat(ed25519Verifies(key, withoutTheLast.getBytes(StandardCharsets.UTF_8), signature))
                .as("a list with an entry left out").isFalse();
        String older = text.replace("sequence " + list.getJsonNumber("sequence"), "sequence 0");
        assertThat(ed25519Verifies(key, older.getBytes(StandardCharsets.UTF_8), signature)).as("another sequence").isFalse();

        // A delta from the revocation's own time holds it (since is inclusive), and says it is a delta from then.
        JsonObject delta = api.get("/api/v1/public/revocations?since=" + revokedAt).json();
        assertThat(delta.getString("kind")).isEqualTo("DELTA");
        assertThat(delta.getString("since")).isEqualTo(revokedAt);
        assertThat(delta.getString("text")).contains("\nkind DELTA " + revokedAt + "\n", "\n" + entry + "\n");
        assertThat(delta.getJsonNumber("sequence").longValue()).isGreaterThanOrEqualTo(list.getJsonNumber("sequence").longValue());
        assertThat(ed25519Verifies(key, delta.getString("text").getBytes(StandardCharsets.UTF_8),
                Base64.getUrlDecoder().decode(delta.getString("signature")))).isTrue();
        String afterIt = java.time.Instant.parse(revokedAt).plusMillis(1).toString();
        assertThat(api.get("/api/v1/public/revocations?since=" + afterIt).json().getString("text"))
                .doesNotContain(number);
        JsonObject empty = api.get("/api/v1/public/revocations?since=2999-01-01T00:00:00Z").json();
        assertThat(empty.getJsonArray("entries")).isEmpty();
        // An empty list's text ends with its header's last line, and a newline.
        assertThat(empty.getString("text")).endsWith("\ngenerated " + empty.getString("generatedAt") + "\n");
        ErrorsIT.problem(api.get("/api/v1/public/revocations?since=yesterday"), 400);
    }

    @Test
    void aGenuineSignatureOnACertificateWeDoNotHaveIsUnknown() throws Exception {
        String number = purchase("王五").getString("certificateNo");
        String scanned = scannedQr(number);
        try (Connection db = TestDatabase.connect();
             PreparedStatement rename = db.prepareStatement("UPDATE certificate SET number = ? WHERE number = ?")) {
            // Out of the server's sight (as if issued by a database this server does not have).
            rename.setString(1, "GONE-" + UUID.randomUUID().toString().substring(0, 8));
            rename.setString(2, number);
            assertThat(rename.executeUpdate()).isEqualTo(1);
        }
        assertThat(verify(scanned).getString("status")).isEqualTo("UNKNOWN");
        ErrorsIT.problem(api.get("/api/v1/public/certificates/" + number), 404);
    }

    @Test
    void garbageGetsAVerdictNeverAnError() {
        Random random = new Random(7);
        List<String> corpus = new ArrayList<>(List.of("", " ", "hello", "https://example.org/v/R-2026-AAAA-AAAA-A",
                "https://example.org/v/x#", "#", "#" + "A".repeat(140), "p=", "https://x/?p=AAAA", "x".repeat(100_000),
                "<script>alert(1)</script>", "' OR 1=1 --", "\u0000\u0001\u0002", "碳汇".repeat(1000)));
        for (int i = 0; i < 60; i++) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            corpus.add(new String(bytes, StandardCharsets.ISO_8859_1));
            corpus.add(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
        for (String garbage : corpus) {
            Api.Reply reply = api.postJson("/api/v1/public/verifications",
                    Json.createObjectBuilder().add("qr", garbage).build().toString());
            assertThat(reply.status()).as(garbage.length() > 60 ? garbage.substring(0, 60) : garbage).isEqualTo(200);
            assertThat(reply.json().getString("status")).isEqualTo("MALFORMED");
        }
        ErrorsIT.problem(api.postJson("/api/v1/public/verifications", "{\"qr\":\"" + "y".repeat(100_001) + "\"}"), 400);
        ErrorsIT.problem(api.postJson("/api/v1/public/verifications", "{}"), 400);
    }

    @Test
    void aPhotoOfTheCodeVerifiesAndImagesWithoutOneAreRefusedClearly() throws Exception {
        String number = purchase("赵六").getString("certificateNo");
        byte[] png = api.get("/api/v1/public/certificates/" + number + "/qr.png?size=300").bytes();
        // A "photo": the code pasted off-centre on a bigger grey picture, saved as JPEG.
        BufferedImage photo = new BufferedImage(900, 700, BufferedImage.TYPE_INT_RGB);
        var g = photo.createGraphics();
        g.setColor(new java.awt.Color(200, 200, 190));
        g.fillRect(0, 0, 900, 700);
        g.drawImage(ImageIO.read(new ByteArrayInputStream(png)), 420, 250, null);
        g.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(photo, "jpg", jpeg);
        Api.Reply verdict = postImage(jpeg.toByteArray(), "image/jpeg");
        assertThat(verdict.status()).as(verdict.toString()).isEqualTo(200);
        assertThat(verdict.json().getString("status")).isEqualTo("VALID");

        BufferedImage blank = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream blankPng = new ByteArrayOutputStream();
        ImageIO.write(blank, "png", blankPng);
        assertThat(ErrorsIT.problem(postImage(blankPng.toByteArray(), "image/png"), 422).getString("type")).endsWith("no-qr-code");
        byte[] noise = new byte[5000];
        new Random(3).nextBytes(noise);
        ErrorsIT.problem(postImage(noise, "image/png"), 400);
        // 20000 x 20000 pixels in a few kilobytes: refused from the header, never decoded.
        BufferedImage huge = new BufferedImage(20_000, 20_000, BufferedImage.TYPE_BYTE_BINARY);
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        ImageIO.write(huge, "png", bomb);
        assertThat(ErrorsIT.problem(postImage(bomb.toByteArray(), "image/png"), 400).getString("detail")).contains("pixels");
    }

    private Api.Reply postImage(byte[] image, String type) {
        return api.send(api.request("/api/v1/public/verifications/image").header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(image)));
    }

    /** The text of a certificate's public PDF (one A4 page). */
    public static String pdfText(Api api, String number) {
        Api.Reply pdf = api.get("/api/v1/public/certificates/" + number + "/pdf");
        assertThat(pdf.status()).as(pdf.toString()).isEqualTo(200);
        return CertificateFiles.text(pdf.bytes());
    }

    /** Pixels of the rectangle that are clearly red: the share image's revoked stamp, nothing else it draws. */
    static int redPixels(BufferedImage image, int x0, int y0, int x1, int y1) {
        int count = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = image.getRGB(x, y);
                if ((rgb >> 16 & 0xff) > 150 && (rgb >> 8 & 0xff) < 120 && (rgb & 0xff) < 120) {
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * The share image: a public, cacheable (strong ETag) 1080 x 1920 PNG whose QR code is the certificate's address;
     * revoked, it is stamped (a new rendering, a new tag).
     */
    @Test
    void theShareImageIsAPhoneSizedPictureWhoseQrCodeIsTheCertificatesAddress() throws Exception {
        JsonObject retirement = purchase("雅安市绿色能源有限公司");
        String number = retirement.getString("certificateNo");
        String path = "/api/v1/public/certificates/" + number + "/share.png";
        Api.Reply share = api.get(path);
        assertThat(share.status()).as(share.toString()).isEqualTo(200);
        assertThat(share.contentType()).isEqualTo("image/png");
        assertThat(share.header("Cache-Control")).hasValue("public, no-cache");
        String tag = share.header("ETag").orElseThrow();
        assertThat(tag).doesNotStartWith("W/");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(share.bytes()));
        assertThat(image.getWidth()).isEqualTo(1080);
        assertThat(image.getHeight()).isEqualTo(1920);
        String verifyUrl = api.get("/api/v1/public/certificates/" + number).json().getString("verifyUrl");
        assertThat(decodeQr(image)).isEqualTo(verifyUrl);
        assertThat(verify(decodeQr(image)).getString("status")).isEqualTo("VALID");
        assertThat(redPixels(image, 100, 500, 980, 1000)).as("no revoked stamp").isZero();
        assertThat(api.send(api.request(path).header("If-None-Match", tag).GET()).status()).isEqualTo(304);

        assertThat(api.postJson("/api/v1/certificates/" + number + "/revocation", "{\"reason\":\"分享图测试\"}",
                api.token("admin")).status()).isEqualTo(200);
        Api.Reply revoked = api.send(api.request(path).header("If-None-Match", tag).GET());
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.header("ETag")).isPresent().isNotEqualTo(Optional.of(tag));
        BufferedImage stamped = ImageIO.read(new ByteArrayInputStream(revoked.bytes()));
        assertThat(redPixels(stamped, 100, 500, 980, 1000)).as("the revoked stamp").isGreaterThan(5_000);
        assertThat(decodeQr(stamped)).isEqualTo(verifyUrl);
        assertThat(api.get("/api/v1/public/certificates/R-2026-0000-0000-0/share.png").status()).isEqualTo(404);
    }

    @Test
    void thePdfIsChineseAndItsQrCodeVerifies() throws Exception {
        JsonObject retirement = purchase("孙七");
        String number = retirement.getString("certificateNo");
        Api.Reply pdf = api.get("/api/v1/public/certificates/" + number + "/pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.bytes())) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("碳汇认购证书", number, "孙*", "250 kg CO2e", "永久不再转让", "/v/" + number)
                    .contains(retirement.getJsonArray("serialRanges").getJsonObject(0).getString("first"))
                    .doesNotContain("孙七").doesNotContain("已撤销");
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo("碳汇认购证书 " + number);
            // Printed and scanned again: 150 dpi is an ordinary office scan.
            String scanned = decodeQr(new PDFRenderer(document).renderImageWithDPI(0, 150));
            assertThat(verify(scanned).getString("status")).isEqualTo("VALID");
        }
    }

    @Test
    void aRetriedPurchaseKeepsItsOneCertificate() {
        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, code, 1_000);
        String key = UUID.randomUUID().toString();
        String body = Json.createObjectBuilder().add("projectCode", code).add("quantityKg", 10).add("beneficiary", "周八")
                .add("purpose", "DIRECT").build().toString();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Api.Reply reply = api.send(Api.authorized(api.request("/api/v1/retirements")
                    .header("Content-Type", "application/json").header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), api.token("officer")));
            numbers.add(reply.json().getString("certificateNo"));
        }
        assertThat(numbers).doesNotContainNull().containsOnly(numbers.get(0));
        JsonValue registry = api.get("/api/v1/public/retirements?size=5").json().getJsonArray("items").get(0);
        assertThat(registry.asJsonObject().getString("certificateNo")).isEqualTo(numbers.get(0));
    }
}
