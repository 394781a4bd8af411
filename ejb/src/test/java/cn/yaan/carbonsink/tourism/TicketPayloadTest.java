package cn.yaan.carbonsink.tourism;

import cn.yaan.carbonsink.certificate.CertificateNumbers;
import cn.yaan.carbonsink.certificate.QrCodes;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The e-ticket payload byte by byte, as docs/CERTIFICATES.md ("Tickets") lays it out. */
class TicketPayloadTest {

    private static final Instant START = Instant.parse("2026-12-01T01:00:00Z");
    private static final String BOOKING = CertificateNumbers.generate('T', 2026);
    private static final String CERTIFICATE = CertificateNumbers.generate('V', 2026);

    private static TicketPayload ticket(String site, int minutes, int party) {
        return new TicketPayload("0a1b2c3d", BOOKING, CERTIFICATE, site, START, START.plus(Duration.ofMinutes(minutes)), party);
    }

    private static final TicketPayload TICKET = ticket("BFX", 240, 3);

    private static byte[] signature() {
        byte[] signature = new byte[64];
        Arrays.fill(signature, (byte) 7);
        return signature;
    }

    @Test
    void theBytesAreTheDocumentedFieldsInTheirOrderAndNothingElse() {
        TicketPayload ticket = ticket("BFX", 300, 200);
        ByteBuffer body = ByteBuffer.wrap(ticket.body());
        assertThat(body.get()).as("version").isEqualTo((byte) 2);
        assertThat(bytes(body, 4)).as("key id").containsExactly(0x0a, 0x1b, 0x2c, 0x3d);
        assertThat(ascii(body, 14)).as("ticket").isEqualTo(BOOKING.replace("-", ""));
        assertThat(ascii(body, 14)).as("certificate").isEqualTo(CERTIFICATE.replace("-", ""));
        assertThat(body.get()).as("site length").isEqualTo((byte) 3);
        assertThat(ascii(body, 3)).as("site").isEqualTo("BFX");
        assertThat((long) body.getInt()).as("start, minutes since 2020-01-01T00:00Z")
                .isEqualTo(Duration.between(Instant.parse("2020-01-01T00:00:00Z"), START).toMinutes());
        assertThat(bytes(body, 2)).as("duration 300 = 0x012c, big-endian").containsExactly(0x01, 0x2c);
        assertThat(body.get() & 0xff).as("party").isEqualTo(200);
        assertThat(body.hasRemaining()).as("no other byte").isFalse();
        assertThat(ticket.encode(signature())).isEqualTo(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(ByteBuffer.allocate(44 + 64).put(ticket.body()).put(signature()).array()));
    }

    private static int[] bytes(ByteBuffer in, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = in.get() & 0xff;
        }
        return out;
    }

    private static String ascii(ByteBuffer in, int n) {
        byte[] out = new byte[n];
        in.get(out);
        return new String(out, StandardCharsets.US_ASCII);
    }

    @Test
    void roundTripsWithItsSignatureBytes() {
        String text = TICKET.encode(signature());
        var signed = TicketPayload.fromScan(text).orElseThrow();
        assertThat(signed.payload()).isEqualTo(TICKET);
        assertThat(signed.signature()).isEqualTo(signature());
        assertThat(signed.body()).isEqualTo(TICKET.body());
        assertThat(TicketPayload.fromScan("https://example.org/t/x#" + text).orElseThrow().payload()).isEqualTo(TICKET);
        assertThat(TicketPayload.fromScan("#" + text).orElseThrow().payload()).isEqualTo(TICKET);
    }

    @Test
    void slotLengthsAcrossTheDurationsHighByteRoundTrip() {
        for (int minutes : new int[]{1, 240, 255, 256, 257, 511, 4_320, 65_535}) {
            TicketPayload ticket = ticket("BFX", minutes, 1);
            byte[] body = ticket.body();
            assertThat((body[41] & 0xff) << 8 | body[42] & 0xff).as(minutes + " minutes in the bytes").isEqualTo(minutes);
            TicketPayload back = TicketPayload.fromScan(ticket.encode(signature())).orElseThrow().payload();
            assertThat(back.end()).as(minutes + " minutes").isEqualTo(START.plus(Duration.ofMinutes(minutes)));
        }
    }

    @Test
    void partiesUpToTheByteRoundTrip() {
        for (int party : new int[]{1, 127, 128, 255}) {
            assertThat(TicketPayload.fromScan(ticket("BFX", 60, party).encode(signature())).orElseThrow().payload()
                    .partySize()).isEqualTo(party);
        }
    }

    @Test
    void siteCodesAreOneToSixteenCapitalsDigitsAndDashes() {
        for (String site : new String[]{"A", "09AZ-", "ABCDEFGHIJKLMNOP"}) {
            assertThat(TicketPayload.fromScan(ticket(site, 60, 1).encode(signature())).orElseThrow().payload().siteCode())
                    .isEqualTo(site);
        }
        for (String site : new String[]{"", "ABCDEFGHIJKLMNOPQ", "/", ":", "@", "[", "bfx", "B_X", "B X"}) {
            assertThat(TicketPayload.fromScan(ticket(site, 60, 1).encode(signature()))).as("site '" + site + "'").isEmpty();
        }
    }

    @Test
    void carriesNoPersonalData() {
        // Every field is one of the documented ones: a ticket has no place for a name, an ID number or a phone.
        assertThat(Arrays.stream(TicketPayload.class.getRecordComponents()).map(RecordComponent::getName))
                .containsExactly("keyId", "bookingNo", "certificateNo", "siteCode", "start", "end", "partySize");
        // And no free text gets through: the numbers are fixed 14-character codes, the site a code of capitals.
        String name = "欧阳娜娜";
        assertThat(TicketPayload.fromScan(ticket(name, 60, 1).encode(signature()))).isEmpty();
        String text = TICKET.encode(signature());
        assertThat(text.length()).isLessThan(160);
        assertThat(QrCodes.version(text)).isLessThanOrEqualTo(10);
    }

    @Test
    void garbageTruncationAndNonCanonicalTextAreNotTickets() {
        String text = TICKET.encode(signature());
        assertThat(TicketPayload.fromScan(text.substring(0, text.length() - 4))).isEmpty();
        assertThat(TicketPayload.fromScan(text + "AA")).isEmpty();
        assertThat(TicketPayload.fromScan("x".repeat(150))).isEmpty();
        assertThat(TicketPayload.fromScan(null)).isEmpty();
        byte[] all = Base64.getUrlDecoder().decode(text);
        all[0] = 1;
        assertThat(TicketPayload.fromScan(Base64.getUrlEncoder().withoutPadding().encodeToString(all))).isEmpty();
        // 107 bytes (a two-letter site) leave two spare bits in the last character: set, they decode to the same
        // bytes, but that is not the text that was issued.
        String odd = ticket("BF", 60, 1).encode(signature());
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String altered = odd.substring(0, odd.length() - 1) + alphabet.charAt(alphabet.indexOf(odd.charAt(odd.length() - 1)) + 1);
        assertThat(Base64.getUrlDecoder().decode(altered)).isEqualTo(Base64.getUrlDecoder().decode(odd));
        assertThat(TicketPayload.fromScan(odd)).isPresent();
        assertThat(TicketPayload.fromScan(altered)).isEmpty();
        // At most 2000 characters are looked at.
        String prefix = "https://example.org/t/";
        String longest = prefix + "x".repeat(2000 - prefix.length() - 1 - text.length()) + "#" + text;
        assertThat(TicketPayload.fromScan(longest)).isPresent();
        assertThat(TicketPayload.fromScan("x" + longest)).isEmpty();
    }
}
