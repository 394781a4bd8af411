package cn.yaan.carbonsink.certificate;

import cn.yaan.carbonsink.certificate.CertificateTestVectors.Expected;
import cn.yaan.carbonsink.certificate.CertificateTestVectors.ListVector;
import cn.yaan.carbonsink.certificate.CertificateTestVectors.Vector;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared test vectors (docs/certificate-test-vectors.json) hold: the file is what {@link CertificateTestVectors}
 * makes, and the server's offline verifier ({@link OfflineVerifier}, the same decoding and checks as online
 * verification) gives every vector its verdict. docs/CERTIFICATES.md's examples are vectors. To write the file after
 * a deliberate change: {@code ./mvnw -B -ntp -pl ejb -am test -Dtest=CertificateTestVectorsTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dvectors.write=true}.
 */
class CertificateTestVectorsTest {

    static final Path FILE = Path.of("..", "docs", "certificate-test-vectors.json");
    static final Path SPEC = Path.of("..", "docs", "CERTIFICATES.md");

    private static Map<String, String> publishedKeys() {
        return Map.of(CertificateTestVectors.KEYS.activeKeyId(), CertificateTestVectors.publicKey(CertificateTestVectors.KEYS));
    }

    private static RevocationList accepted(String name, RevocationList held) {
        RevocationList list = CertificateTestVectors.lists().get(name);
        return OfflineVerifier.acceptList(publishedKeys(), list.keyId(), list.text(), list.signature(), held).orElse(null);
    }

    @Test
    void theFileIsWhatTheGeneratorMakes() throws IOException {
        String generated = CertificateTestVectors.json();
        if (Boolean.getBoolean("vectors.write")) {
            Files.writeString(FILE, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(FILE, StandardCharsets.UTF_8)).as("docs/certificate-test-vectors.json is stale: "
                + "write it again (see this class's comment)").isEqualTo(generated);
    }

    @Test
    void theKeysComeFromTheDocumentedSeedAndTheKeyIdIsTheirHash() {
        String key = CertificateTestVectors.publicKey(CertificateTestVectors.KEYS);
        assertThat(SigningKeys.keyId(java.util.Base64.getUrlDecoder().decode(key)))
                .isEqualTo(CertificateTestVectors.KEYS.activeKeyId()).matches("[0-9a-f]{8}");
        assertThat(CertificateTestVectors.OTHER.activeKeyId()).isNotEqualTo(CertificateTestVectors.KEYS.activeKeyId());
    }

    @Test
    void everyListIsAcceptedOrRefusedAsItsVectorSays() {
        for (ListVector v : CertificateTestVectors.listVectors()) {
            RevocationList held = v.held() == null ? null : accepted(v.held(), null);
            assertThat(v.held() == null || held != null).as(v.name() + ": the held list").isTrue();
            assertThat(accepted(v.list(), held) != null).as(v.name()).isEqualTo(v.accepted());
        }
    }

    @Test
    void everyVectorHasItsVerdictWithTheServersVerifier() {
        List<Vector> vectors = CertificateTestVectors.vectors();
        assertThat(vectors).extracting(v -> v.expected().status()).contains("VALID", "REVOKED", "INVALID_SIGNATURE",
                "UNKNOWN_KEY", "MISMATCH", "MALFORMED");
        for (Vector v : vectors) {
            RevocationList list = v.list() == null ? null : accepted(v.list(), null);
            OfflineVerifier verifier = new OfflineVerifier(publishedKeys(), list, CertificateTestVectors.MAX_AGE,
                    CertificateTestVectors.PUBLIC_URL);
            OfflineVerifier.Result r = verifier.verify(v.scanned(), CertificateTestVectors.NOW);
            Expected e = v.expected();
            assertThat(r.status().name()).as(v.name()).isEqualTo(e.status());
            assertThat(r.foreignOrigin()).as(v.name() + ": foreignOrigin").isEqualTo(e.foreignOrigin());
            assertThat(r.payload()).as(v.name() + ": payload").isEqualTo(e.payload());
            assertThat(r.revokedAt()).as(v.name() + ": revokedAt").isEqualTo(e.revokedAt());
            assertThat(r.reason()).as(v.name() + ": reason").isEqualTo(e.reason());
            if (e.stale() != null) {
                assertThat(r.stale()).as(v.name() + ": stale").isEqualTo(e.stale());
                assertThat(r.listGeneratedAt()).as(v.name() + ": listGeneratedAt").isEqualTo(e.listGeneratedAt());
            }
        }
    }

    /** The online verifier's decoding is the offline one's: every vector's payload decodes (or not) alike. */
    @Test
    void onlineDecodingAgreesWithEveryVector() {
        for (Vector v : CertificateTestVectors.vectors()) {
            Optional<QrPayload.Signed> decoded = QrPayload.fromScan(v.scanned());
            assertThat(decoded.isEmpty()).as(v.name()).isEqualTo(v.expected().status().equals("MALFORMED"));
        }
    }

    @Test
    void everyCertificateNumberInTheSpecPassesItsCheckCharacter() throws IOException {
        String spec = Files.readString(SPEC, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\\b[RDHJVT]-\\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]\\b").matcher(spec);
        List<String> numbers = new ArrayList<>();
        while (m.find()) {
            numbers.add(m.group());
        }
        assertThat(numbers).isNotEmpty();
        for (String number : numbers) {
            String compact = number.replace("-", "");
            assertThat(CertificateNumbers.check(compact.substring(0, 13))).as(number).isEqualTo(compact.charAt(13));
        }
    }

    /** The spec's example address, payload, key and revocation list are those of the vectors, and verify. */
    @Test
    void theSpecsExamplesAreVectors() throws IOException {
        String spec = Files.readString(SPEC, StandardCharsets.UTF_8);
        String url = CertificateTestVectors.url(CertificateTestVectors.RETIREMENT);
        assertThat(spec).contains(url, CertificateTestVectors.KEYS.activeKeyId(),
                CertificateTestVectors.publicKey(CertificateTestVectors.KEYS), CertificateTestVectors.SEED_TEXT);
        // The bytes, written in groups by field.
        assertThat(spec.replace(" ", "")).contains(java.util.HexFormat.of().formatHex(CertificateTestVectors.RETIREMENT.body()));
        RevocationList fresh = CertificateTestVectors.lists().get("fresh");
        assertThat(spec).contains(fresh.text().replace("\n", "\\n"), fresh.signature());
        assertThat(CertificateTestVectors.vectors()).anySatisfy(v -> assertThat(v.scanned()).isEqualTo(url));
    }
}
