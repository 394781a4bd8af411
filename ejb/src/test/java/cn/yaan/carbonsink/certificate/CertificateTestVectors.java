package cn.yaan.carbonsink.certificate;

import cn.yaan.carbonsink.shared.Sha256;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared test vectors of docs/certificate-test-vectors.json: keys, payloads, addresses, revocation lists and the
 * verdict every verifier must give (docs/CERTIFICATES.md). Deterministic: the keys come from documented test-only
 * seeds (SHA-256 of {@link #SEED_TEXT} and of {@link #OTHER_SEED_TEXT}; never a production key), Ed25519 signatures
 * are deterministic, and every time and number is fixed. Each vector's verdict is written here by hand, not by the
 * verifier it tests. {@link CertificateTestVectorsTest} checks that the file is what this class makes and that the
 * server's verifier gives every verdict; a browser IT runs the page's JavaScript over the same file.
 */
final class CertificateTestVectors {

    static final String SEED_TEXT = "carbonsink certificate test vectors: test-only key, never a production key";
    static final String OTHER_SEED_TEXT = "carbonsink certificate test vectors: an unpublished test-only key";
    static final String PUBLIC_URL = "https://carbonsink.example.cn";
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final Duration MAX_AGE = OfflineVerifier.DEFAULT_MAX_AGE;

    static final SigningKeys KEYS = keys(SEED_TEXT);
    static final SigningKeys OTHER = keys(OTHER_SEED_TEXT);

    /** A vector: scanned text, the list the verifier holds (a name in {@link #lists()}, or null), the expectation. */
    record Vector(String name, String scanned, String list, Expected expected) {
    }

    /**
     * What the verifier must say. Payload fields (number...) whenever the payload decodes; revokedAt and reason with
     * REVOKED; stale and listGeneratedAt whenever the signature verified.
     */
    record Expected(String status, boolean foreignOrigin, QrPayload payload, String revokedAt, String reason,
                    Boolean stale, String listGeneratedAt) {
    }

    /** A list to accept or refuse, when the list {@code held} (or none) is held. */
    record ListVector(String name, String list, String held, boolean accepted) {
    }

    private CertificateTestVectors() {
    }

    static SigningKeys keys(String seedText) {
        SigningKeys keys = new SigningKeys();
        keys.activate(new Ed25519PrivateKeyParameters(seed(seedText), 0));
        return keys;
    }

    static byte[] seed(String seedText) {
        return Sha256.digest(seedText.getBytes(StandardCharsets.UTF_8));
    }

    static String publicKey(SigningKeys keys) {
        return SigningKeys.base64(new Ed25519PrivateKeyParameters(seed(keys == KEYS ? SEED_TEXT : OTHER_SEED_TEXT), 0)
                .generatePublicKey().getEncoded());
    }

    /** A number with its check character: {@code body} is the 13 characters before it, without dashes. */
    static String number(String body) {
        return CertificateNumbers.format(body + CertificateNumbers.check(body));
    }

    // The certificates of the vectors; the first is the example of docs/CERTIFICATES.md.
    static final QrPayload RETIREMENT = payload(CertificateKind.RETIREMENT, "R20267K3MQ9XP", LocalDate.of(2026, 11, 25), 250,
            "雅安***公司");
    static final QrPayload DUTY = payload(CertificateKind.PUBLIC_DUTY, "D20264D7RH2KN", LocalDate.of(2026, 3, 12), 18, "张*");
    static final QrPayload HONOUR = payload(CertificateKind.PUBLIC_DUTY_HONOUR, "H20269WQ1ZT5B", LocalDate.of(2026, 12, 31),
            36, "欧***");
    static final QrPayload RESTORATION = payload(CertificateKind.RESTORATION, "J2026G0A8XM3E", LocalDate.of(2026, 7, 1),
            1_234_567, "雅安***法院");
    static final QrPayload VISIT = payload(CertificateKind.CARBON_NEUTRAL_VISIT, "V20265SVY6CJ0", LocalDate.of(2026, 10, 1),
            3, "");
    static final QrPayload REVOKED = payload(CertificateKind.RETIREMENT, "R2026N8BT4WQF", LocalDate.of(2026, 11, 20), 100, "李*");
    static final QrPayload FIRST_DAY = payload(CertificateKind.RETIREMENT, "R20200000001A", LocalDate.of(2020, 1, 1), 0, "a");
    static final QrPayload LARGEST = payload(CertificateKind.RETIREMENT, "R2026ZZZZZZZZ", LocalDate.of(2026, 1, 1),
            Long.MAX_VALUE, "雅".repeat(20));
    static final String REVOKED_AT = "2026-11-24T08:30:00.125Z";
    static final String REVOKED_REASON = "Paid with a stolen card 付款被撤回";

    private static QrPayload payload(CertificateKind kind, String body, LocalDate issuedOn, long quantityKg, String holder) {
        return new QrPayload(KEYS.activeKeyId(), kind, issuedOn, quantityKg, number(body), holder);
    }

    static String signed(QrPayload payload) {
        return payload.encode(KEYS.sign(payload.body()));
    }

    /** Raw bytes, signed by {@code keys}, base64url: a payload whose structure is the test. */
    static String signedBytes(byte[] body, SigningKeys keys) {
        byte[] signature = keys.sign(body);
        byte[] all = Arrays.copyOf(body, body.length + 64);
        System.arraycopy(signature, 0, all, body.length, 64);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
    }

    static String url(QrPayload payload) {
        return PUBLIC_URL + "/v/" + payload.number() + "#" + signed(payload);
    }

    /** The revocation lists of the vectors, by name: {keyId, text, signature}. */
    static Map<String, RevocationList> lists() {
        Map<String, RevocationList> lists = new LinkedHashMap<>();
        List<RevocationList.Entry> one = List.of(new RevocationList.Entry(REVOKED.number(), REVOKED_AT, REVOKED_REASON));
        lists.put("fresh", RevocationList.signed(KEYS, 1, null, NOW.minus(Duration.ofHours(1)), one));
        lists.put("stale", RevocationList.signed(KEYS, 1, null, NOW.minus(Duration.ofHours(30)), one));
        lists.put("empty", RevocationList.signed(KEYS, 0, null, NOW.minus(Duration.ofHours(2)), List.of()));
        lists.put("delta", RevocationList.signed(KEYS, 1, Instant.parse(REVOKED_AT), NOW.minus(Duration.ofMinutes(5)), one));
        RevocationList fresh = lists.get("fresh");
        lists.put("fresh-tampered", new RevocationList(fresh.keyId(), 1, RevocationList.Kind.FULL, null,
                fresh.generatedAt(), fresh.entries(), fresh.text().replace(REVOKED.number(), DUTY.number()), fresh.signature()));
        lists.put("older-than-fresh", RevocationList.signed(KEYS, 0, null, NOW.minus(Duration.ofMinutes(30)), List.of()));
        RevocationList other = RevocationList.signed(OTHER, 1, null, NOW.minus(Duration.ofHours(1)), one);
        lists.put("unknown-key", other);
        lists.put("count-not-sequence", RevocationList.signed(KEYS, 2, null, NOW.minus(Duration.ofHours(1)), one));
        lists.put("seconds-only", raw("carbonsink-revocations 2\nsequence 0\nkind FULL\ngenerated 2026-11-25T11:00:00Z\n"));
        lists.put("no-trailing-newline", raw("carbonsink-revocations 2\nsequence 0\nkind FULL\ngenerated "
                + RevocationList.time(NOW.minus(Duration.ofHours(1)))));
        lists.put("old-format", raw(RevocationList.time(NOW.minus(Duration.ofHours(1))) + "\n"));
        return lists;
    }

    private static RevocationList raw(String text) {
        return new RevocationList(KEYS.activeKeyId(), 0, RevocationList.Kind.FULL, null, null, List.of(), text,
                SigningKeys.base64(KEYS.sign(text.getBytes(StandardCharsets.UTF_8))));
    }

    static List<ListVector> listVectors() {
        return List.of(
                new ListVector("a FULL list signed by a published key", "fresh", null, true),
                new ListVector("an empty FULL list (sequence 0, the text ends in a newline)", "empty", null, true),
                new ListVector("a newer list replaces an older one", "fresh", "stale", true),
                new ListVector("an older list (a lower sequence) never replaces a newer one", "older-than-fresh", "fresh", false),
                new ListVector("an earlier list never replaces a later one", "stale", "fresh", false),
                new ListVector("a changed entry breaks the signature", "fresh-tampered", null, false),
                new ListVector("a DELTA list is not a list to hold by itself", "delta", null, false),
                new ListVector("a list signed by a key that is not published", "unknown-key", null, false),
                new ListVector("a FULL list whose entries are not its sequence", "count-not-sequence", null, false),
                new ListVector("a time without its three fraction digits", "seconds-only", null, false),
                new ListVector("a text without its last newline", "no-trailing-newline", null, false),
                new ListVector("the old, unsequenced format", "old-format", null, false));
    }

    private static Expected valid(QrPayload p, String list) {
        return verified("VALID", false, p, list);
    }

    private static Expected verified(String status, boolean foreign, QrPayload p, String list) {
        RevocationList l = list == null ? null : lists().get(list);
        boolean stale = l == null || Duration.between(Instant.parse(l.generatedAt()), NOW).compareTo(MAX_AGE) > 0;
        return new Expected(status, foreign, p, null, null, stale, l == null ? null : l.generatedAt());
    }

    private static Expected unverified(String status, boolean foreign, QrPayload p) {
        return new Expected(status, foreign, p, null, null, null, null);
    }

    private static Expected malformed() {
        return new Expected("MALFORMED", false, null, null, null, null, null);
    }

    static List<Vector> vectors() {
        List<Vector> v = new ArrayList<>();
        for (QrPayload p : List.of(RETIREMENT, DUTY, HONOUR, RESTORATION, VISIT)) {
            v.add(new Vector("valid " + p.kind(), url(p), "fresh", valid(p, "fresh")));
        }
        v.add(new Vector("valid: the first day (day 0, 2020-01-01) and quantity 0", url(FIRST_DAY), "fresh",
                valid(FIRST_DAY, "fresh")));
        v.add(new Vector("valid: the largest quantity (9 LEB128 bytes) and a 60-byte holder", url(LARGEST), "fresh",
                valid(LARGEST, "fresh")));
        v.add(new Vector("valid: the bare payload, without an address", signed(RETIREMENT), "fresh", valid(RETIREMENT, "fresh")));
        v.add(new Vector("valid: the older address form with ?p=", PUBLIC_URL + "/v/" + RETIREMENT.number() + "?p="
                + signed(RETIREMENT), "fresh", valid(RETIREMENT, "fresh")));
        v.add(new Vector("valid: the number in the address typed loosely", PUBLIC_URL + "/v/"
                + RETIREMENT.number().toLowerCase().replace("-", "").replace('0', 'o').replace('1', 'l') + "#"
                + signed(RETIREMENT), "fresh", valid(RETIREMENT, "fresh")));
        v.add(new Vector("valid, but at a look-alike address", "https://carbonsink.example.com/v/" + RETIREMENT.number() + "#"
                + signed(RETIREMENT), "fresh", verified("VALID", true, RETIREMENT, "fresh")));
        v.add(new Vector("revoked: when and why come from the signed list", url(REVOKED), "fresh",
                new Expected("REVOKED", false, REVOKED, REVOKED_AT, REVOKED_REASON, false, lists().get("fresh").generatedAt())));
        v.add(new Vector("valid by a stale list (30 hours old): warn", url(RETIREMENT), "stale", valid(RETIREMENT, "stale")));
        v.add(new Vector("revoked by a stale list", url(REVOKED), "stale",
                new Expected("REVOKED", false, REVOKED, REVOKED_AT, REVOKED_REASON, true, lists().get("stale").generatedAt())));
        v.add(new Vector("valid without any list: warn, revocation cannot be told", url(RETIREMENT), null,
                valid(RETIREMENT, null)));
        v.add(new Vector("valid by an empty list", url(REVOKED), "empty", valid(REVOKED, "empty")));

        String text = signed(RETIREMENT);
        String address = PUBLIC_URL + "/v/" + RETIREMENT.number() + "#";
        v.add(new Vector("tampered: a signature byte changed", address + flipLastSignatureByte(text), "fresh",
                unverified("INVALID_SIGNATURE", false, RETIREMENT)));
        QrPayload more = new QrPayload(RETIREMENT.keyId(), RETIREMENT.kind(), RETIREMENT.issuedOn(), 2_500,
                RETIREMENT.number(), RETIREMENT.holderMasked());
        v.add(new Vector("tampered: the quantity changed, the signature kept", address + withSignatureOf(more, RETIREMENT),
                "fresh", unverified("INVALID_SIGNATURE", false, more)));
        QrPayload otherHolder = new QrPayload(RETIREMENT.keyId(), RETIREMENT.kind(), RETIREMENT.issuedOn(), 250,
                RETIREMENT.number(), "雅安***集团");
        v.add(new Vector("tampered: the holder changed, the signature kept", address + withSignatureOf(otherHolder, RETIREMENT),
                "fresh", unverified("INVALID_SIGNATURE", false, otherHolder)));
        QrPayload later = new QrPayload(RETIREMENT.keyId(), RETIREMENT.kind(), RETIREMENT.issuedOn().plusDays(1), 250,
                RETIREMENT.number(), RETIREMENT.holderMasked());
        v.add(new Vector("tampered: the date changed, the signature kept", address + withSignatureOf(later, RETIREMENT),
                "fresh", unverified("INVALID_SIGNATURE", false, later)));
        v.add(new Vector("non-canonical: the same bytes, a spare bit of the last character set", address + nonCanonical(text),
                "fresh", unverified("INVALID_SIGNATURE", false, RETIREMENT)));
        v.add(new Vector("forged at a look-alike address", "https://carbonsink.example.com/v/" + RETIREMENT.number() + "#"
                + flipLastSignatureByte(text), "fresh", unverified("INVALID_SIGNATURE", true, RETIREMENT)));
        QrPayload unknownId = new QrPayload("00000000", RETIREMENT.kind(), RETIREMENT.issuedOn(), 250, RETIREMENT.number(),
                RETIREMENT.holderMasked());
        v.add(new Vector("unknown key: the key id changed", address + withSignatureOf(unknownId, RETIREMENT), "fresh",
                unverified("UNKNOWN_KEY", false, unknownId)));
        QrPayload byOther = new QrPayload(OTHER.activeKeyId(), RETIREMENT.kind(), RETIREMENT.issuedOn(), 250,
                RETIREMENT.number(), RETIREMENT.holderMasked());
        v.add(new Vector("unknown key: well signed by a key that is not published", address
                + byOther.encode(OTHER.sign(byOther.body())), "fresh", unverified("UNKNOWN_KEY", false, byOther)));
        v.add(new Vector("unknown key wins over a mismatched address", PUBLIC_URL + "/v/" + DUTY.number() + "#"
                + byOther.encode(OTHER.sign(byOther.body())), "fresh", unverified("UNKNOWN_KEY", false, byOther)));
        v.add(new Vector("mismatch: a genuine payload after another certificate's number", PUBLIC_URL + "/v/" + DUTY.number()
                + "#" + text, "fresh", verified("MISMATCH", false, RETIREMENT, "fresh")));
        v.add(new Vector("mismatch: an address without /v/{number}", PUBLIC_URL + "/verify#" + text, "fresh",
                verified("MISMATCH", false, RETIREMENT, "fresh")));
        v.add(new Vector("a forgery after another number is a forgery", PUBLIC_URL + "/v/" + DUTY.number() + "#"
                + flipLastSignatureByte(text), "fresh", unverified("INVALID_SIGNATURE", false, RETIREMENT)));

        byte[] body = RETIREMENT.body();
        v.add(new Vector("malformed: not a payload", "hello, world", "fresh", malformed()));
        v.add(new Vector("malformed: base64 padding", address + text + "==", "fresh", malformed()));
        v.add(new Vector("malformed: a character outside base64url", address + text.substring(0, 40) + "+"
                + text.substring(41), "fresh", malformed()));
        v.add(new Vector("malformed: more than 2000 characters scanned", PUBLIC_URL + "/v/" + RETIREMENT.number() + "?"
                + "x".repeat(2000) + "#" + text, "fresh", malformed()));
        byte[] ticket = body.clone();
        ticket[0] = 2;
        v.add(new Vector("malformed: version 2 (a ticket) is not a certificate", address + signedBytes(ticket, KEYS), "fresh",
                malformed()));
        byte[] after = Arrays.copyOf(Base64.getUrlDecoder().decode(text), body.length + 64 + 1);
        v.add(new Vector("malformed: a byte after the signature", address
                + Base64.getUrlEncoder().withoutPadding().encodeToString(after), "fresh", malformed()));
        v.add(new Vector("malformed: quantity not minimal LEB128 (250 as 3 bytes), though signed",
                address + signedBytes(replace(body, 8, new byte[]{(byte) 0xfa, 0x01}, new byte[]{(byte) 0xfa, (byte) 0x81, 0x00}),
                        KEYS), "fresh", malformed()));
        byte[] lower = body.clone();
        int numberAt = 1 + 4 + 1 + 2 + 2;
        lower[numberAt + 6] = (byte) Character.toLowerCase(lower[numberAt + 6]);
        v.add(new Vector("malformed: a number in lower case in the payload, though signed", address + signedBytes(lower, KEYS),
                "fresh", malformed()));
        byte[] check = body.clone();
        check[numberAt + 13] = (byte) (check[numberAt + 13] == '0' ? '1' : '0');
        v.add(new Vector("malformed: a number failing its check character, though signed", address
                + signedBytes(check, KEYS), "fresh", malformed()));
        byte[] kind = body.clone();
        kind[5] = 'D';
        v.add(new Vector("malformed: the kind is not the number's letter, though signed", address + signedBytes(kind, KEYS),
                "fresh", malformed()));
        v.add(new Vector("malformed: a holder that is not UTF-8, though signed", address
                + signedBytes(withHolder(body, new byte[]{'a', (byte) 0xff, 'b'}), KEYS), "fresh", malformed()));
        byte[] sixtyOne = "a".repeat(61).getBytes(StandardCharsets.US_ASCII);
        v.add(new Vector("malformed: a holder of 61 bytes, though signed", address + signedBytes(withHolder(body, sixtyOne),
                KEYS), "fresh", malformed()));
        byte[] tenBytes = new byte[]{(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01};
        v.add(new Vector("malformed: a quantity of 10 LEB128 bytes, though signed", address
                + signedBytes(replace(body, 8, new byte[]{(byte) 0xfa, 0x01}, tenBytes), KEYS), "fresh", malformed()));
        return v;
    }

    /** The body with another holder field: its length byte and these bytes. */
    private static byte[] withHolder(byte[] body, byte[] holder) {
        int old = RETIREMENT.holderMasked().getBytes(StandardCharsets.UTF_8).length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(body, 0, body.length - 1 - old);
        out.write(holder.length);
        out.writeBytes(holder);
        return out.toByteArray();
    }

    private static byte[] replace(byte[] bytes, int at, byte[] old, byte[] replacement) {
        if (!Arrays.equals(Arrays.copyOfRange(bytes, at, at + old.length), old)) {
            throw new IllegalStateException("not the expected bytes at " + at);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.writeBytes(replacement);
        out.write(bytes, at + old.length, bytes.length - at - old.length);
        return out.toByteArray();
    }

    private static String flipLastSignatureByte(String text) {
        byte[] all = Base64.getUrlDecoder().decode(text);
        all[all.length - 2] ^= 0x01;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
    }

    private static String withSignatureOf(QrPayload changed, QrPayload original) {
        byte[] signature = KEYS.sign(original.body());
        return changed.encode(signature);
    }

    private static String nonCanonical(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = text.charAt(text.length() - 1);
        int spare = text.length() % 4 == 2 ? 15 : 3; // bits base64 ignores in the last character
        int value = alphabet.indexOf(last);
        if ((value & spare) != 0 || text.length() % 4 == 0) {
            throw new IllegalStateException("the sample payload must end in spare bits");
        }
        return text.substring(0, text.length() - 1) + alphabet.charAt(value | 1);
    }

    /** The file's text, UTF-8, with a trailing newline. */
    static String json() {
        Json j = new Json();
        j.open('{');
        j.field("description").string("Test vectors of the certificate QR payloads and the signed revocation list "
                + "(docs/CERTIFICATES.md). Made by CertificateTestVectors (ejb tests) from test-only keys: never trust "
                + "these keys anywhere. Verify each vector with the keys below, the list it names (accepted as a list "
                + "is, or none), the time 'now', the limit 'maxAgeHours' and the public address 'publicUrl'.");
        j.field("seedText").string(SEED_TEXT);
        j.field("seed").string(java.util.HexFormat.of().formatHex(seed(SEED_TEXT)));
        j.field("unpublishedSeedText").string(OTHER_SEED_TEXT);
        j.field("publicUrl").string(PUBLIC_URL);
        j.field("now").string(RevocationList.time(NOW));
        j.field("maxAgeHours").number(MAX_AGE.toHours());
        j.field("keys").open('[');
        j.open('{').field("keyId").string(KEYS.activeKeyId()).field("publicKey").string(publicKey(KEYS)).close('}');
        j.close(']');
        j.field("unpublishedKey").open('{').field("keyId").string(OTHER.activeKeyId()).field("publicKey")
                .string(publicKey(OTHER)).close('}');
        j.field("revocationLists").open('{');
        lists().forEach((name, l) -> j.field(name).open('{').field("keyId").string(l.keyId()).field("text").string(l.text())
                .field("signature").string(l.signature()).close('}'));
        j.close('}');
        j.field("listVectors").open('[');
        for (ListVector lv : listVectors()) {
            j.open('{').field("name").string(lv.name()).field("list").string(lv.list()).field("held").string(lv.held())
                    .field("accepted").bool(lv.accepted()).close('}');
        }
        j.close(']');
        j.field("vectors").open('[');
        for (Vector vector : vectors()) {
            Expected e = vector.expected();
            j.open('{').field("name").string(vector.name()).field("scanned").string(vector.scanned())
                    .field("list").string(vector.list()).field("expected").open('{')
                    .field("status").string(e.status()).field("foreignOrigin").bool(e.foreignOrigin());
            if (e.payload() != null) {
                QrPayload p = e.payload();
                j.field("keyId").string(p.keyId()).field("kind").string(p.kind().name()).field("number").string(p.number())
                        .field("issuedOn").string(p.issuedOn().toString()).field("quantityKg").string(Long.toString(p.quantityKg()))
                        .field("holder").string(p.holderMasked());
            }
            if (e.revokedAt() != null) {
                j.field("revokedAt").string(e.revokedAt()).field("reason").string(e.reason());
            }
            if (e.stale() != null) {
                j.field("stale").bool(e.stale()).field("listGeneratedAt").string(e.listGeneratedAt());
            }
            j.close('}').close('}');
        }
        j.close(']');
        j.close('}');
        return j.text() + "\n";
    }

    /** A small JSON writer, two spaces per level, so the file reads and diffs well. */
    private static final class Json {
        private final StringBuilder out = new StringBuilder();
        private int depth;
        private boolean first = true;
        private boolean afterField;

        private void before() {
            if (afterField) {
                afterField = false;
                return;
            }
            if (depth > 0) {
                out.append(first ? "" : ",").append('\n').append("  ".repeat(depth));
            }
            first = false;
        }

        Json open(char bracket) {
            before();
            out.append(bracket);
            depth++;
            first = true;
            return this;
        }

        Json close(char bracket) {
            depth--;
            if (!first) {
                out.append('\n').append("  ".repeat(depth));
            }
            out.append(bracket);
            first = false;
            return this;
        }

        Json field(String name) {
            before();
            quote(name);
            out.append(": ");
            afterField = true;
            return this;
        }

        Json string(String value) {
            before();
            if (value == null) {
                out.append("null");
            } else {
                quote(value);
            }
            return this;
        }

        Json number(long value) {
            before();
            out.append(value);
            return this;
        }

        Json bool(boolean value) {
            before();
            out.append(value);
            return this;
        }

        private void quote(String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }

        String text() {
            return out.toString();
        }
    }
}
