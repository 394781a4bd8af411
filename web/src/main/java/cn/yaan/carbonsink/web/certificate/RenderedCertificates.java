package cn.yaan.carbonsink.web.certificate;

import cn.yaan.carbonsink.certificate.Certificate;
import cn.yaan.carbonsink.shared.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A certificate's QR images and PDF change only when it is revoked, so each rendering has a strong ETag
 * ({@link #tag}) and is kept, up to {@link #MAX_BYTES} in all, least
 * recently used first out. A client that has the rendering gets 304 without anything being drawn; any other gets
 * the kept bytes. Per node; a revocation changes the tag, so nothing stale is ever served.
 */
@ApplicationScoped
public class RenderedCertificates {

    static final long MAX_BYTES = 64L * 1024 * 1024;

    private final LinkedHashMap<String, byte[]> kept = new LinkedHashMap<>(256, 0.75f, true);
    private long keptBytes;

    /** Raised when the drawing of a rendering changes, so that clients holding the old one fetch the new. */
    static final String RENDERING = "2";

    /**
     * The tag of one rendering of the certificate: its number, signed payload, the site address its QR code points
     * at ({@link PublicAddress}), the variant (which names the status where the rendering shows it) and the version
     * of the drawing. The address in the tag keeps renderings for different addresses apart, kept and cached alike.
     */
    static EntityTag tag(Certificate c, String base, String variant) {
        byte[] hash = Sha256.digest(String.join("|", c.number(), c.payload(), base,
                variant, RENDERING).getBytes(StandardCharsets.UTF_8));
        return new EntityTag(HexFormat.of().formatHex(hash, 0, 16));
    }

    /**
     * 304 when the request already holds this rendering, else the rendering (drawn once, then kept), with its tag and
     * {@code cacheControl}.
     */
    public Response answer(Request request, Certificate c, String base, String variant, String mediaType,
                           String cacheControl, Supplier<byte[]> render) {
        EntityTag tag = tag(c, base, variant);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        Response.ResponseBuilder answer = notModified != null ? notModified
                : Response.ok(bytes(tag.getValue(), render), mediaType);
        answer.tag(tag).header("Cache-Control", cacheControl);
        if (PublicAddress.fromRequest()) {
            // The address in it came from the request's Host: a shared cache must not hand it to other hosts' clients.
            answer.header("Vary", "Host");
        }
        return answer.build();
    }

    private byte[] bytes(String key, Supplier<byte[]> render) {
        synchronized (kept) {
            byte[] bytes = kept.get(key);
            if (bytes != null) {
                return bytes;
            }
        }
        byte[] rendered = render.get();
        synchronized (kept) {
            if (kept.putIfAbsent(key, rendered) == null) {
                keptBytes += rendered.length;
                var eldest = kept.entrySet().iterator();
                while (keptBytes > MAX_BYTES && eldest.hasNext()) {
                    Map.Entry<String, byte[]> out = eldest.next();
                    keptBytes -= out.getValue().length;
                    eldest.remove();
                }
            }
        }
        return rendered;
    }
}
