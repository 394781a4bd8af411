package cn.yaan.carbonsink.web.certificate;

import cn.yaan.carbonsink.certificate.Certificate;
import cn.yaan.carbonsink.certificate.CertificateService;
import cn.yaan.carbonsink.shared.Settings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Instant;

/**
 * The public verify page {@code /v/{number}} (the QR code's target). The server knows the certificate by its
 * number; the signed payload stays in the address's fragment, never sent to the server, and the page's script
 * verifies it (online through the API, offline with WebCrypto), replacing the verdict shown here.
 */
@Named
@RequestScoped
public class VerifyBacking {

    @Inject
    CertificateService certificates;

    @Inject
    HttpServletRequest request;

    private String number;
    private Certificate certificate;
    private final Instant renderedAt = Instant.now();

    public void load() {
        certificate = number == null ? null : certificates.find(number).orElse(null);
    }

    /** VALID, REVOKED or UNKNOWN, from the number alone. */
    public String getStatus() {
        return certificate == null ? "UNKNOWN" : certificate.status().name();
    }

    /** The address the QR codes point at: the script warns when the page is opened at another (a look-alike site). */
    public String getPublicUrl() { return PublicAddress.of(request); }

    /**
     * From how many hours an offline verdict warns that its revocation list is stale
     * ({@code carbonsink.revocation-max-age-hours}, CARBONSINK_REVOCATION_MAX_AGE_HOURS, default 24).
     */
    public long getRevocationMaxAgeHours() {
        try {
            long hours = Long.parseLong(Settings.get("carbonsink.revocation-max-age-hours", "24"));
            return hours > 0 ? hours : 24;
        } catch (NumberFormatException e) {
            return 24;
        }
    }

    /** When the server answered: a copy of the page kept for offline use says how old its answer is. */
    public Instant getRenderedAt() { return renderedAt; }

    public String getNumber() { return number; }
    public void setNumber(String number) { this.number = number; }
    public Certificate getCertificate() { return certificate; }
}
