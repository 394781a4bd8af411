package cn.yaan.carbonsink.web.api;

import cn.yaan.carbonsink.shared.BusinessException.FieldError;
import cn.yaan.carbonsink.shared.Settings;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * An RFC 9457 problem detail. {@code type} is an absolute URI ending in a stable slug (for example
 * {@code .../problems/insufficient-units}) that clients may switch on; {@code detail} is written for a person.
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "errors", "correlationId"})
public record Problem(String type, String title, int status, String detail, List<FieldError> errors,
                      String correlationId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

    public static Problem of(Response.Status status, String slug, String detail) {
        return of(status.getStatusCode(), status.getReasonPhrase(), slug, detail);
    }

    public static Problem of(int status, String title, String slug, String detail) {
        return new Problem(typeUri(slug), title, status, detail, null, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, fieldErrors.isEmpty() ? null : fieldErrors, correlationId);
    }

    public Problem withCorrelationId(String id) {
        return new Problem(type, title, status, detail, errors, id);
    }

    public Response.ResponseBuilder response() {
        return Response.status(status).type(MEDIA).entity(this);
    }

    public static String typeUri(String slug) {
        return Settings.publicUrl() + "/problems/" + slug;
    }
}
