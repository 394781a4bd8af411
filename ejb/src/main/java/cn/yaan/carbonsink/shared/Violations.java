package cn.yaan.carbonsink.shared;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.ValidationException;
import jakarta.validation.metadata.ConstraintDescriptor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Bean Validation's violations as the fields a client or a form knows. The services validate their command records
 * on every call ({@code @Valid} on the parameter); the REST layer and the pages both name a violation's field with
 * {@link #field(Path)}, so {@code visitors[0].name} is the same field whichever door the request came through.
 */
public final class Violations {

    private Violations() {
    }

    /**
     * The path as the client wrote it: the method, parameter and bean nodes dropped, {@code visitors[0].name} and
     * {@code trip.distanceKm} kept. Empty when the violation concerns a parameter itself (a missing command).
     */
    public static String field(Path path) {
        StringBuilder name = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.CROSS_PARAMETER || node.getKind() == ElementKind.BEAN
                    || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getIndex() != null && name.length() > 0) {
                name.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null) {
                if (name.length() > 0) {
                    name.append('.');
                }
                name.append(node.getName());
            }
        }
        return name.toString();
    }

    /** The violations as a refusal with one error per field, sorted by field ({@code body} for a missing command). */
    public static BusinessException invalid(ConstraintViolationException e) {
        return invalid(e, null);
    }

    /** As {@link #invalid(ConstraintViolationException)}, each message in the given language (null: the server's). */
    public static BusinessException invalid(ConstraintViolationException e, Locale locale) {
        List<BusinessException.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            String field = field(v.getPropertyPath());
            errors.add(new BusinessException.FieldError(field.isEmpty() ? "body" : field, message(v, locale)));
        }
        errors.sort(Comparator.comparing(BusinessException.FieldError::field));
        return BusinessException.invalid(errors);
    }

    /**
     * The violation's message in the language of the request or the page: the service validated its command in the
     * server's language, which knows nothing of the caller. Null keeps the message as it is.
     */
    public static String message(ConstraintViolation<?> v, Locale locale) {
        if (locale == null) {
            return v.getMessage();
        }
        try {
            return Interpolation.INTERPOLATOR.interpolate(v.getMessageTemplate(), new MessageInterpolator.Context() {
                @Override
                public ConstraintDescriptor<?> getConstraintDescriptor() {
                    return v.getConstraintDescriptor();
                }

                @Override
                public Object getValidatedValue() {
                    return v.getInvalidValue();
                }

                @Override
                public <T> T unwrap(Class<T> type) {
                    throw new ValidationException("No provider-specific context");
                }
            }, locale);
        } catch (RuntimeException e) {
            return v.getMessage();
        }
    }

    /** The platform's message interpolator, made on first use. */
    private static final class Interpolation {
        static final MessageInterpolator INTERPOLATOR = Validation.buildDefaultValidatorFactory().getMessageInterpolator();
    }
}
