package cn.yaan.carbonsink.web.certificate;

import cn.yaan.carbonsink.web.api.Conditional;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import cn.yaan.carbonsink.web.api.StrictJson;

import cn.yaan.carbonsink.certificate.Certificate;
import cn.yaan.carbonsink.certificate.CertificatePdf;
import cn.yaan.carbonsink.certificate.CertificateKind;
import cn.yaan.carbonsink.certificate.CertificateService;
import cn.yaan.carbonsink.certificate.CertificateVerifier;
import cn.yaan.carbonsink.certificate.PdfContent;
import cn.yaan.carbonsink.certificate.QrCodes;
import cn.yaan.carbonsink.certificate.RevocationList;
import cn.yaan.carbonsink.certificate.ShareImage;
import cn.yaan.carbonsink.certificate.SigningKeys;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.Masking;
import cn.yaan.carbonsink.shared.SerialBlocks;
import cn.yaan.carbonsink.web.security.ClientAddress;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import cn.yaan.carbonsink.web.security.RateLimits;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/** Certificates: public view, QR images, PDF, verification of anything scanned, revocation and the revocation list. */
@ApplicationScoped
@Path("v1")
@Tag(name = "Certificates")
@Produces(MediaType.APPLICATION_JSON)
public class CertificateResource {

    /** A QR code carries the signed payload, which never changes: cached for a year. */
    static final String QR_CACHING = "public, max-age=31536000, immutable";
    /** A PDF changes once, when the certificate is revoked: cached, but asked again each time (304 when unchanged). */
    static final String PDF_CACHING = "public, no-cache";
    /** The holder's own copy shows the full name: never kept by a browser cache or a proxy. */
    static final String PERSONAL = "private, no-store";

    @Inject
    RenderedCertificates rendered;

    @Inject
    CertificateService certificates;

    @Inject
    Holdings holdings;

    @Inject
    CertificateVerifier verifier;

    @Inject
    SigningKeys keys;

    @Inject
    CurrentCaller caller;

    @Inject
    RateLimits rateLimits;

    @Context
    HttpServletRequest request;

    private final VerificationAnswers answers = new VerificationAnswers();

    /**
     * A certificate as anyone may see it: the holder masked. {@code number} repeats {@code certificateNo} for one
     * release (deprecated, README "One vocabulary").
     */
    @Schema(requiredProperties = {"certificateNo", "number", "kind", "quantityKg", "issuedAt", "status", "verifyUrl"})
    public record CertificateView(String certificateNo,
                                  @Schema(deprecated = true, description = "Deprecated: the same as certificateNo")
                                  String number, @Schema(implementation = CertificateKind.class) String kind,
                                  String titleZh, String titleEn, String holder,
                                  long quantityKg, Integer trees, List<Map<String, String>> serialRanges, String issuer,
                                  Instant issuedAt, @Schema(implementation = Certificate.Status.class) String status,
                                  Instant revokedAt, String revocationReason,
                                  String verifyUrl) {
        /** The view with the addresses on the site at {@code base} (see {@link PublicAddress}). */
        static CertificateView of(Certificate c, String base) {
            return new CertificateView(c.number(), c.number(), c.kind().name(), title(c, Locale.SIMPLIFIED_CHINESE),
                    title(c, Locale.ENGLISH), Masking.name(c.holder()), c.quantityKg(), c.trees(),
                    SerialBlocks.ranges(c.serialRanges()), c.issuer(), c.issuedAt(), c.status().name(),
                    c.revokedAt(), c.revocationReason(), CertificateService.verifyUrl(c, base));
        }
    }

    static String title(Certificate c, Locale locale) {
        return text(locale, "certificate.kind." + c.kind().name());
    }

    static String text(Locale locale, String key) {
        return ResourceBundle.getBundle("i18n.messages", locale).getString(key);
    }

    @GET
    @Path("public/keys")
    @PermitAll
    @Conditional
    @Extension(name = Conditional.EXTENSION, value = "true")
    @Operation(operationId = "listSigningKeys", summary = "Public keys that sign certificates",
            description = "Public keys that sign certificate QR payloads (Ed25519, raw 32 bytes base64url), oldest "
                    + "first")
    public List<KeyView> keys() {
        String active = keys.activeKeyId();
        return keys.all().stream().map(k -> new KeyView(k.keyId(), "Ed25519", k.publicKey(), k.keyId().equals(active),
                k.createdAt())).toList();
    }

    @Schema(requiredProperties = {"active"})
    public record KeyView(String keyId, String algorithm, String publicKey, boolean active, Instant createdAt) {
    }

    @GET
    @Path("public/certificates/{number}")
    @PermitAll
    @Conditional
    @Extension(name = Conditional.EXTENSION, value = "true")
    @Operation(operationId = "getCertificate", summary = "A certificate, holder masked",
            description = "A certificate's public view (holder masked); the number may be typed loosely")
    public CertificateView get(@PathParam("number") String number) {
        return CertificateView.of(certificates.require(number), base());
    }

    /** The site's address for this request (the configured public address wherever one is set). */
    private String base() {
        return PublicAddress.of(request);
    }

    @GET
    @Path("public/certificates/{number}/qr.png")
    @PermitAll
    @Produces("image/png")
    @Operation(operationId = "getCertificateQrPng", summary = "A certificate's QR code (PNG)",
            description = "The certificate's QR code as PNG, size 120 to 1200 pixels (default 360)")
    @APIResponse(responseCode = "200", description = "The QR code of the certificate's verify address",
            content = @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "304", ref = "NotModified")
    public Response qrPng(@PathParam("number") String number,
                          @QueryParam("size") @DefaultValue("360") @Min(120) @Max(1200) int size,
                          @Context Request request) {
        Certificate c = verifier.requireSigned(number);
        String base = base();
        return rendered.answer(request, c, base, "qr.png " + size, "image/png", QR_CACHING,
                () -> QrCodes.png(CertificateService.verifyUrl(c, base), size));
    }

    @GET
    @Path("public/certificates/{number}/qr.svg")
    @PermitAll
    @Produces("image/svg+xml")
    @Operation(operationId = "getCertificateQrSvg", summary = "A certificate's QR code (SVG)",
            description = "The certificate's QR code as SVG")
    @APIResponse(responseCode = "200", description = "The QR code of the certificate's verify address",
            content = @Content(mediaType = "image/svg+xml",
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "304", ref = "NotModified")
    public Response qrSvg(@PathParam("number") String number, @Context Request request) {
        Certificate c = verifier.requireSigned(number);
        String base = base();
        return rendered.answer(request, c, base, "qr.svg", "image/svg+xml", QR_CACHING,
                () -> QrCodes.svg(CertificateService.verifyUrl(c, base)).getBytes(StandardCharsets.UTF_8));
    }

    @GET
    @Path("public/certificates/{number}/pdf")
    @PermitAll
    @Produces("application/pdf")
    @Operation(operationId = "getCertificatePdf", summary = "A certificate as a PDF, holder masked",
            description = "The certificate as an A4 PDF in Chinese and English, with its QR code")
    @APIResponse(responseCode = "200", description = "The certificate, A4",
            content = @Content(mediaType = "application/pdf",
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "304", ref = "NotModified")
    public Response pdf(@PathParam("number") String number, @Context Request request) {
        Certificate c = certificates.require(number);
        String base = base();
        Response answer = rendered.answer(request, c, base, "pdf " + c.status(), "application/pdf", PDF_CACHING,
                () -> CertificatePdf.render(content(c, base, Masking.name(c.holder()))));
        return Response.fromResponse(answer).header("Content-Disposition", disposition(c, "pdf")).build();
    }

    @GET
    @Path("certificates/{number}/pdf")
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR,
            Role.Names.SITE_MANAGER, Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER, Role.Names.ADMIN})
    @Produces("application/pdf")
    @Operation(operationId = "getOwnCertificatePdf", summary = "The caller's own certificate as a PDF, holder in full",
            description = "The caller's own certificate as a PDF with the holder's full name (the public PDF masks "
            + "it); never cached; 404 for a certificate that is not the caller's")
    @SecurityRequirement(name = "bearer", scopes = {
            Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR,
            Role.Names.SITE_MANAGER, Role.Names.ORG_ADMIN, Role.Names.ORG_BUYER, Role.Names.ADMIN})
    @APIResponse(responseCode = "200", description = "The certificate, A4, never cached",
            content = @Content(mediaType = "application/pdf",
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response personalPdf(@PathParam("number") String number) {
        Certificate c = certificates.find(number).orElse(null);
        var me = caller.required();
        if (c == null || !holdings.holds(me, c)) {
            throw BusinessException.notFound("You hold no certificate with the number " + number + ".");
        }
        return Response.ok(CertificatePdf.render(content(c, base(), certificates.holderInFull(c, me.username()))),
                        "application/pdf")
                .header("Cache-Control", PERSONAL).header("Content-Disposition", disposition(c, "pdf")).build();
    }

    @GET
    @Path("public/certificates/{number}/share.png")
    @PermitAll
    @Produces("image/png")
    @Operation(operationId = "getCertificateShareImage", summary = "A certificate as a picture to share",
            description = "The certificate as a 1080 x 1920 picture to share on WeChat Moments: title, facts, holder "
            + "masked, number, the QR code of its verify address, issuer; stamped when revoked")
    @APIResponse(responseCode = "200", description = "A 1080 x 1920 PNG",
            content = @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "304", ref = "NotModified")
    public Response shareImage(@PathParam("number") String number, @Context Request request) {
        Certificate c = certificates.require(number);
        String base = base();
        Response answer = rendered.answer(request, c, base, "share.png " + c.status(), "image/png", PDF_CACHING,
                () -> ShareImage.render(content(c, base, Masking.name(c.holder()))));
        return Response.fromResponse(answer).header("Content-Disposition", disposition(c, "png")).build();
    }

    private static String disposition(Certificate c, String extension) {
        return "inline; filename=\"" + c.number() + "." + extension + "\"";
    }

    /** What the PDF and the share image show, on the site at {@code base}, naming the holder as {@code holder}. */
    static PdfContent content(Certificate c, String base, String holder) {
        String url = CertificateService.verifyUrl(c, base);
        return new PdfContent(title(c, Locale.SIMPLIFIED_CHINESE), title(c, Locale.ENGLISH), c.number(),
                pdfFacts(c, holder), c.serialRanges(), c.issuer(), LocalDate.ofInstant(c.issuedAt(), AppClock.ZONE),
                QrCodes.png(url, 480), url, CertificateService.verifyPage(c, base), c.revokedAt() == null ? null
                : new PdfContent.Revoked(LocalDate.ofInstant(c.revokedAt(), AppClock.ZONE), c.revocationReason()));
    }

    /**
     * The rows of the PDF, labelled in both languages: the holder (masked, but in full in the holder's own copy),
     * the units retired (if any), the trees, and the facts the scheme gave (year, case, site, slot, party); a
     * restoration certificate issued before facts were kept shows its case number from its scheme reference.
     */
    static List<PdfContent.Line> pdfFacts(Certificate c, String holder) {
        List<PdfContent.Line> lines = new ArrayList<>();
        lines.add(new PdfContent.Line(label("holder"), holder));
        if (c.quantityKg() > 0) {
            lines.add(new PdfContent.Line(label("quantity"), c.quantityKg() + " kg CO2e"));
        }
        if (c.trees() != null) {
            lines.add(new PdfContent.Line(label("trees"), String.valueOf(c.trees())));
        }
        List<Certificate.Fact> facts = c.facts();
        if (facts.isEmpty() && caseNumber(c) != null) {
            facts = List.of(new Certificate.Fact("case", caseNumber(c)));
        }
        for (Certificate.Fact fact : facts) {
            lines.add(new PdfContent.Line(label(fact.key()), fact.value()));
        }
        return lines;
    }

    private static String label(String key) {
        return text(Locale.SIMPLIFIED_CHINESE, "certificate.fact." + key) + " / "
                + text(Locale.ENGLISH, "certificate.fact." + key);
    }

    /** A restoration certificate's scheme reference is the order's reference, a space, and the case number. */
    static String caseNumber(Certificate c) {
        String ref = c.schemeRef();
        return c.kind() == CertificateKind.RESTORATION && ref != null && ref.indexOf(' ') > 0
                ? ref.substring(ref.indexOf(' ') + 1) : null;
    }

    /**
     * What a camera read: anything at all, judged by the verification (MALFORMED), never refused for its characters.
     * Checked by {@link #require} rather than by Bean Validation: the busiest public path does not pay the validator's
     * per-call work for one null and one length check (the annotations still document the field).
     */
    @Schema(name = "CertificateScan")
    public record Scan(@NotNull @Size(max = MAX_SCANNED) @JsonbTypeDeserializer(StrictJson.ScannedText.class) String qr) {
        static final int MAX_SCANNED = 100_000;

        static Scan require(Scan scan) {
            if (scan == null || scan.qr() == null) {
                throw BusinessException.invalid("qr", "qr is required: the text read from the certificate's QR code.");
            }
            if (scan.qr().length() > MAX_SCANNED) {
                throw BusinessException.invalid("qr", "qr must be at most " + MAX_SCANNED + " characters.");
            }
            return scan;
        }
    }

    /**
     * The verdict; the certificate when VALID or REVOKED; {@code foreignOrigin} when the scanned address is not this
     * server's public address (show a warning: a look-alike site), whatever the verdict.
     */
    @Schema(requiredProperties = {"status", "foreignOrigin"})
    public record VerificationView(@Schema(implementation = CertificateService.Verdict.class) String status,
                                   CertificateView certificate, boolean foreignOrigin) {
        static VerificationView of(CertificateService.Verification v, String base) {
            return new VerificationView(v.status().name(),
                    v.certificate() == null ? null : CertificateView.of(v.certificate(), base), v.foreignOrigin());
        }
    }

    @POST
    @Path("public/verifications")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The verdict",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = VerificationView.class)))
    @Operation(operationId = "verifyCertificateText", summary = "Verify scanned QR text",
            description = "Verify scanned QR text: VALID, REVOKED, INVALID_SIGNATURE, UNKNOWN, MISMATCH (the address "
            + "names another number than the signed one) or MALFORMED; foreignOrigin when the address is not this server's")
    public Response verify(@RequestBody(required = true) Scan scan) {
        String base = base();
        return Response.ok(answers.of(verifier.verify(Scan.require(scan).qr(), base), base), MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    @POST
    @Path("public/verifications/image")
    @PermitAll
    @Consumes({"image/png", "image/jpeg", "image/gif", "image/bmp", MediaType.APPLICATION_OCTET_STREAM})
    @Operation(operationId = "verifyCertificateImage", summary = "Verify the QR code in an image",
            description = "Verify the QR code in a photo or screenshot (at most 1 MiB and 16 megapixels; a progressive "
            + "JPEG at most 4 x 16 megapixels over all its scans; 8 bits a sample); 422 when no QR code is found; 429 "
            + "after 20 a minute from one client")
    @APIResponse(responseCode = "200", description = "The verdict on the QR code found",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = VerificationView.class)))
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    @APIResponse(responseCode = "429", ref = "TooManyRequests")
    public VerificationView verifyImage(byte[] image) {
        rateLimits.take(RateLimits.IMAGE_VERIFICATIONS, ClientAddress.of(request));
        String base = base();
        return VerificationView.of(verifier.verify(QrCodes.decode(image), base), base);
    }

    @POST
    @Path("certificates/{number}/revocation")
    @RolesAllowed(Role.Names.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "revokeCertificate", summary = "Revoke a certificate",
            description = "Revoke a certificate (final; 409 when revoked already)")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.ADMIN})
    @APIResponse(responseCode = "200", description = "The certificate, revoked",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CertificateView.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public CertificateView revoke(@PathParam("number") String number, CertificateService.Revocation r) {
        return CertificateView.of(certificates.revoke(number, r, caller.required().username()), base());
    }

    @GET
    @Path("public/revocations")
    @PermitAll
    @Operation(operationId = "getRevocationList", summary = "The signed revocation list",
            description = "The signed revocation list for offline verifiers: FULL, or DELTA with the revocations at or "
            + "after since (an ISO-8601 instant, taken to the millisecond); Ed25519 by keyId over text, which holds the "
            + "sequence, the kind, the time and one line per revocation (docs/CERTIFICATES.md)")
    public RevocationList revocations(@QueryParam("since") String since) {
        Instant from;
        try {
            from = since == null || since.isBlank() ? null : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw BusinessException.invalid("since", "since is an ISO-8601 instant such as 2026-11-25T00:00:00Z.");
        }
        if (from != null && (from.isBefore(Instant.EPOCH) || from.isAfter(Instant.parse("9999-12-31T23:59:59Z")))) {
            throw BusinessException.invalid("since", "since is an instant between 1970 and 9999.");
        }
        return certificates.revocationList(from);
    }
}
