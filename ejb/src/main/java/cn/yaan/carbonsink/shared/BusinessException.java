package cn.yaan.carbonsink.shared;

import jakarta.ejb.ApplicationException;

import java.util.List;

/**
 * A refusal the caller can act on: a rule of the domain said no. Every subclass names its {@link Kind} (which the
 * REST layer turns into an HTTP status) and a short, stable {@code type} slug that clients can switch on
 * (for example {@code insufficient-units}). Thrown from a service method, it rolls the transaction back.
 */
@ApplicationException(rollback = true)
public class BusinessException extends RuntimeException {

    /** What sort of refusal this is; the REST layer maps each kind to one HTTP status. */
    public enum Kind {
        /** The input is malformed or fails validation (400). */
        INVALID,
        /** Wrong or missing credentials (401). */
        UNAUTHENTICATED,
        /** The caller may not do this (403). */
        FORBIDDEN,
        /** No such thing, or not visible to this caller (404). */
        NOT_FOUND,
        /** The request conflicts with the current state (409). */
        CONFLICT,
        /** Well-formed, but a rule of the domain forbids it (422). */
        UNPROCESSABLE,
        /** Too many attempts; try again later (429). */
        TOO_MANY_REQUESTS
    }

    private final Kind kind;
    private final String type;
    private final transient List<FieldError> fieldErrors;
    private final long retryAfterSeconds;

    public BusinessException(Kind kind, String type, String message) {
        this(kind, type, message, List.of(), 0);
    }

    protected BusinessException(Kind kind, String type, String message, List<FieldError> fieldErrors,
                                long retryAfterSeconds) {
        super(message);
        this.kind = kind;
        this.type = type;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static BusinessException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).message() : "The request has " + errors.size() + " invalid fields.";
        return new BusinessException(Kind.INVALID, "validation", detail, errors, 0);
    }

    public static BusinessException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static BusinessException notFound(String what) {
        return new BusinessException(Kind.NOT_FOUND, "not-found", what);
    }

    public static BusinessException conflict(String type, String message) {
        return new BusinessException(Kind.CONFLICT, type, message);
    }

    public static BusinessException unprocessable(String type, String message) {
        return new BusinessException(Kind.UNPROCESSABLE, type, message);
    }

    public static BusinessException unauthenticated(String message) {
        return new BusinessException(Kind.UNAUTHENTICATED, "unauthenticated", message);
    }

    public static BusinessException tooManyRequests(String message, long retryAfterSeconds) {
        return new BusinessException(Kind.TOO_MANY_REQUESTS, "too-many-requests", message, List.of(),
                retryAfterSeconds);
    }

    public Kind kind() {
        return kind;
    }

    public String type() {
        return type;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors == null ? List.of() : fieldErrors;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** One invalid field of a request, named as the client sent it. */
    public record FieldError(String field, String message) {
    }
}
