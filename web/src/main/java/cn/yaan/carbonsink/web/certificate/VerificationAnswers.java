package cn.yaan.carbonsink.web.certificate;

import cn.yaan.carbonsink.web.api.JsonbConfiguration;

import cn.yaan.carbonsink.certificate.Certificate;
import cn.yaan.carbonsink.certificate.CertificateService;
import cn.yaan.carbonsink.web.certificate.CertificateResource.VerificationView;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON answers of online verification, rendered once per loaded certificate. Verification hands back the same
 * certificate object while its short cache holds it, and a new one after it reloaded it (a revocation included), so an
 * answer is reused exactly as long as the certificate it shows; a crowd scanning the same codes costs no rendering.
 */
final class VerificationAnswers {

    private static final int MAX_ENTRIES = 100_000;

    private record Rendered(Certificate source, String base, byte[] json) {
    }

    private final Map<String, Rendered> byNumber = new ConcurrentHashMap<>();
    private final Map<CertificateService.Verdict, byte[]> bare = new EnumMap<>(CertificateService.Verdict.class);
    private final Map<CertificateService.Verdict, byte[]> bareForeign = new EnumMap<>(CertificateService.Verdict.class);

    VerificationAnswers() {
        for (CertificateService.Verdict verdict : CertificateService.Verdict.values()) {
            bare.put(verdict, render(new VerificationView(verdict.name(), null, false)));
            bareForeign.put(verdict, render(new VerificationView(verdict.name(), null, true)));
        }
    }

    /** The answer, its addresses on the site at {@code base} (reused only for the same address). */
    byte[] of(CertificateService.Verification v, String base) {
        Certificate c = v.certificate();
        if (c == null) {
            return (v.foreignOrigin() ? bareForeign : bare).get(v.status());
        }
        if (v.foreignOrigin()) {
            // Rare (a look-alike site's code): rendered each time, never reused for the genuine address.
            return render(VerificationView.of(v, base));
        }
        Rendered rendered = byNumber.get(c.number());
        if (rendered == null || rendered.source() != c || !rendered.base().equals(base)) {
            if (byNumber.size() >= MAX_ENTRIES) {
                byNumber.clear();
            }
            rendered = new Rendered(c, base, render(VerificationView.of(v, base)));
            byNumber.put(c.number(), rendered);
        }
        return rendered.json();
    }

    private static byte[] render(VerificationView view) {
        return JsonbConfiguration.JSONB.toJson(view).getBytes(StandardCharsets.UTF_8);
    }
}
