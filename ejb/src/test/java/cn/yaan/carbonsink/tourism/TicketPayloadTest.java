package cn.yaan.carbonsink.tourism;

import cn.yaan.carbonsink.certificate.CertificateNumbers;
import cn.yaan.carbonsink.certificate.QrCodes;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class TicketPayloadTest {

    private static final TicketPayload TICKET = new TicketPayload("0a1b2c3d", CertificateNumbers.generate('T', 2026),
            CertificateNumbers.generate('V', 2026), "BFX", Instant.parse("2026-12-01T01:00:00Z"),
            Instant.parse("2026-12-01T05:00:00Z"), 3);

    @Test
    void roundTripsWithItsSignatureBytes() {
        byte[] signature = new byte[64];
        Arrays.fill(signature, (byte) 7);
        String text = TICKET.encode(signature);
        var signed = TicketPayload.fromScan(text).orElseThrow();
        assertThat(signed.payload()).isEqualTo(TICKET);
        assertThat(signed.signature()).isEqualTo(signature);
        assertThat(signed.body()).isEqualTo(TICKET.body());
        assertThat(TicketPayload.fromScan("https://example.org/t/x#" + text).orElseThrow().payload()).isEqualTo(TICKET);
    }

    @Test
    void fitsAVersion10QrCodeAndCarriesNoPersonalData() {
        String text = TICKET.encode(new byte[64]);
        assertThat(text.length()).isLessThan(160);
        assertThat(QrCodes.version(text)).isLessThanOrEqualTo(10);
    }

    @Test
    void garbageTruncationAndNonCanonicalTextAreNotTickets() {
        String text = TICKET.encode(new byte[64]);
        assertThat(TicketPayload.fromScan(text.substring(0, text.length() - 4))).isEmpty();
        assertThat(TicketPayload.fromScan(text + "AA")).isEmpty();
        assertThat(TicketPayload.fromScan("x".repeat(150))).isEmpty();
        assertThat(TicketPayload.fromScan(null)).isEmpty();
        byte[] all = Base64.getUrlDecoder().decode(text);
        all[0] = 1;
        assertThat(TicketPayload.fromScan(Base64.getUrlEncoder().withoutPadding().encodeToString(all))).isEmpty();
    }
}
