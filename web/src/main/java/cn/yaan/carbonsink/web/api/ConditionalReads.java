package cn.yaan.carbonsink.web.api;

import cn.yaan.carbonsink.shared.Sha256;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The one mechanism for conditional reads of public data (every method marked {@link Conditional}): the JSON
 * answer's tag is a hash of the JSON itself, so it changes exactly when the answer does, on every node alike, with
 * nothing to keep in step. A request whose {@code If-None-Match} names that tag gets 304 without a body; every 200 and
 * 304 carries the {@code ETag} and the method's {@code Cache-Control}. Tags are weak ({@code W/"..."}): the bytes
 * differ when the answer travels compressed, the content does not.
 */
@Provider
@Conditional
public class ConditionalReads implements ContainerResponseFilter {

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        boolean read = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod());
        if (!read || response.getStatus() != 200 || !response.hasEntity()
                || !MediaType.APPLICATION_JSON_TYPE.isCompatible(response.getMediaType())) {
            return;
        }
        String json = JsonbConfiguration.JSONB.toJson(response.getEntity(), response.getEntityType());
        String tag = tag(json);
        response.getHeaders().putSingle(HttpHeaders.ETAG, tag);
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, cacheControl());
        if (matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), tag)) {
            response.setStatus(Response.Status.NOT_MODIFIED.getStatusCode());
            response.setEntity(null);
        }
    }

    private String cacheControl() {
        Conditional c = resource.getResourceMethod().getAnnotation(Conditional.class);
        if (c == null) {
            c = resource.getResourceClass().getAnnotation(Conditional.class);
        }
        return c == null ? Conditional.REVALIDATE : c.value();
    }

    /** The weak tag of a JSON answer: the first 128 bits of its SHA-256. */
    static String tag(String json) {
        byte[] hash = Sha256.digest(json.getBytes(StandardCharsets.UTF_8));
        return "W/\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
    }

    /** Whether {@code If-None-Match} names {@code tag}: {@code *}, or any listed tag, weak or strong (RFC 9110 weak comparison). */
    static boolean matches(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        String opaque = opaque(tag);
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || opaque(c).equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
