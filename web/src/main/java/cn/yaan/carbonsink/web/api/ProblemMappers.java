package cn.yaan.carbonsink.web.api;

import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.BusinessException.FieldError;
import cn.yaan.carbonsink.shared.Violations;
import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where exceptions become HTTP answers under {@code /api}: every answer is an RFC 9457
 * {@code application/problem+json} document, and nothing about the server's internals leaves it. An unexpected
 * failure is logged with a correlation id that the 500 answer repeats, so support can find it without the client
 * seeing a stack trace.
 */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    static Response business(BusinessException e) {
        Response.Status status = switch (e.kind()) {
            case INVALID -> Response.Status.BAD_REQUEST;
            case UNAUTHENTICATED -> Response.Status.UNAUTHORIZED;
            case FORBIDDEN -> Response.Status.FORBIDDEN;
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case CONFLICT -> Response.Status.CONFLICT;
            case UNPROCESSABLE -> null;
            case TOO_MANY_REQUESTS -> Response.Status.TOO_MANY_REQUESTS;
        };
        Problem problem = status == null
                ? Problem.of(422, "Unprocessable Content", e.type(), e.getMessage())
                : Problem.of(status, e.type(), e.getMessage());
        Response.ResponseBuilder response = problem.withErrors(e.fieldErrors()).response();
        if (e.kind() == BusinessException.Kind.TOO_MANY_REQUESTS) {
            response.header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
        }
        if (e.kind() == BusinessException.Kind.UNAUTHENTICATED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.build();
    }

    static Response unexpected(Throwable e) {
        String correlationId = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, correlation id " + correlationId, e);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal-error",
                        "Something went wrong on our side. Quote the correlation id if you contact support.")
                .withCorrelationId(correlationId).response().build();
    }

    /** The first cause of the given type in a chain, if any. */
    static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    static Response unreadableBody(Throwable e) {
        RequestBodyLimit.TooLarge tooLarge = cause(e, RequestBodyLimit.TooLarge.class);
        if (tooLarge != null) {
            return tooLarge.getResponse();
        }
        String detail = "The request body is not valid JSON for this endpoint";
        JsonParsingException parsing = cause(e, JsonParsingException.class);
        BusinessException refusal = StrictJson.refusal(e);
        if (parsing != null && parsing.getLocation() != null) {
            detail += " (syntax error at line " + parsing.getLocation().getLineNumber() + ", column "
                    + parsing.getLocation().getColumnNumber() + ")";
        } else if (refusal != null) {
            detail += ": a field is unknown or has the wrong type (" + refusal.getMessage().replaceAll("\\.$", "") + ")";
        } else if (cause(e, JsonbException.class) != null) {
            detail += ": a field is unknown or has the wrong type";
        }
        Problem problem = Problem.of(Response.Status.BAD_REQUEST, "malformed-request", detail + ".");
        return (refusal == null ? problem : problem.withErrors(refusal.fieldErrors())).response().build();
    }

    @Provider
    public static class BusinessMapper implements ExceptionMapper<BusinessException> {
        @Override
        public Response toResponse(BusinessException e) {
            return business(e);
        }
    }

    /**
     * Bean Validation's violations, from a resource's parameters or from a service that validated its command: 400
     * with the fields as the client wrote them, each message in the language the request asked for
     * ({@code Accept-Language}), as JAX-RS's own validation answers.
     */
    @Provider
    public static class ValidationMapper implements ExceptionMapper<ConstraintViolationException> {

        @Context
        HttpHeaders headers;

        @Override
        public Response toResponse(ConstraintViolationException e) {
            Locale locale = locale();
            List<FieldError> errors = new ArrayList<>();
            for (ConstraintViolation<?> v : e.getConstraintViolations()) {
                String field = Violations.field(v.getPropertyPath());
                errors.add(new FieldError(field.isEmpty() ? parameterName(v) : field, Violations.message(v, locale)));
            }
            errors.sort(Comparator.comparing(FieldError::field));
            return business(BusinessException.invalid(errors));
        }

        /** The first language the request accepts, or null (the server's) when it names none. */
        private Locale locale() {
            try {
                List<Locale> accepted = headers == null ? List.of() : headers.getAcceptableLanguages();
                return accepted.isEmpty() || "*".equals(accepted.get(0).toString()) ? null : accepted.get(0);
            } catch (RuntimeException outsideARequest) {
                return null;
            }
        }

        /**
         * The name the request gives a validated parameter of the resource method ({@code projectCode} of
         * {@code ?projectCode=}), or "body" for the request body itself.
         */
        private static String parameterName(ConstraintViolation<?> v) {
            Path.MethodNode method = null;
            Integer index = null;
            for (Path.Node node : v.getPropertyPath()) {
                if (node.getKind() == ElementKind.METHOD) {
                    method = node.as(Path.MethodNode.class);
                } else if (node.getKind() == ElementKind.PARAMETER) {
                    index = node.as(Path.ParameterNode.class).getParameterIndex();
                }
            }
            // The resource may be a container's proxy: its own methods carry the annotations.
            for (Class<?> c = v.getRootBeanClass(); method != null && index != null && c != null; c = c.getSuperclass()) {
                try {
                    for (Annotation a : c.getDeclaredMethod(method.getName(), method.getParameterTypes()
                            .toArray(Class[]::new)).getParameterAnnotations()[index]) {
                        if (a instanceof QueryParam q) {
                            return q.value();
                        } else if (a instanceof PathParam p) {
                            return p.value();
                        } else if (a instanceof HeaderParam h) {
                            return h.value();
                        }
                    }
                } catch (NoSuchMethodException e) {
                    // declared higher up
                }
            }
            return "body";
        }
    }

    /** Errors of JAX-RS itself: unknown path, wrong method, wrong media type, bad parameter. */
    @Provider
    public static class WebApplicationMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            if (original != null && Problem.MEDIA.isCompatible(original.getMediaType())) {
                return original;
            }
            int status = original == null ? 500 : original.getStatus();
            if (status >= 500) {
                return unexpected(e);
            }
            if (cause(e, ProcessingException.class) != null || cause(e, JsonbException.class) != null) {
                return unreadableBody(e);
            }
            Response.Status known = Response.Status.fromStatusCode(status);
            String title = known == null ? "Error" : known.getReasonPhrase();
            String detail;
            String slug;
            if (e instanceof NotFoundException) {
                slug = "not-found";
                detail = "There is nothing at this address. The API is described at /openapi.";
            } else if (e instanceof NotAllowedException) {
                slug = "method-not-allowed";
                detail = "This address does not accept this HTTP method. Allowed: "
                        + String.join(", ", original.getAllowedMethods()) + ".";
            } else if (e instanceof NotSupportedException) {
                slug = "unsupported-media-type";
                detail = "This endpoint does not accept that content type; send application/json.";
            } else if (e instanceof NotAcceptableException) {
                slug = "not-acceptable";
                detail = "This endpoint cannot answer in the media type asked for in Accept.";
            } else {
                slug = known == null ? "error" : known.name().toLowerCase().replace('_', '-');
                detail = "The request was refused: " + title + ".";
            }
            Response.ResponseBuilder response = Problem.of(status, title, slug, detail).response();
            if (original != null && !original.getAllowedMethods().isEmpty()) {
                response.allow(original.getAllowedMethods());
            }
            return response.build();
        }
    }

    /** A body that cannot be read: malformed JSON, a wrong type, an unknown field, more than 1 MiB. */
    @Provider
    public static class ProcessingMapper implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return unreadableBody(e);
        }
    }

    @Provider
    public static class JsonbMapper implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return unreadableBody(e);
        }
    }

    /** Everything else: business exceptions wrapped by the container are unwrapped; the rest is a 500. */
    @Provider
    public static class UnexpectedMapper implements ExceptionMapper<Throwable> {

        @Context
        HttpHeaders headers;

        @Override
        public Response toResponse(Throwable e) {
            BusinessException business = cause(e, BusinessException.class);
            if (business != null) {
                return business(business);
            }
            ConstraintViolationException violation = cause(e, ConstraintViolationException.class);
            if (violation != null) {
                ValidationMapper mapper = new ValidationMapper();
                mapper.headers = headers;
                return mapper.toResponse(violation);
            }
            if (cause(e, OptimisticLockException.class) != null || cause(e, PessimisticLockException.class) != null) {
                return Problem.of(Response.Status.CONFLICT, "concurrent-change",
                        "Someone else changed the same record at the same moment. Try again.").response().build();
            }
            if (e instanceof EJBException && e.getCause() instanceof WebApplicationException wae) {
                return new WebApplicationMapper().toResponse(wae);
            }
            return unexpected(e);
        }
    }
}
