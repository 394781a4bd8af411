package cn.yaan.carbonsink.web.pages;

import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.Violations;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.validation.ConstraintViolationException;

import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.List;

/** What the pages share: texts of the current language, and business errors shown next to the field they concern. */
public final class Pages {

    private Pages() {
    }

    public static String text(FacesContext faces, String key) {
        return ResourceBundle.getBundle("i18n.messages", faces.getViewRoot().getLocale()).getString(key);
    }

    /**
     * A service's refusal of its command (Bean Validation, the same rules whichever door the request came through)
     * as a refusal with one error per field, each message in the page's language.
     */
    public static BusinessException invalid(FacesContext faces, ConstraintViolationException e) {
        return Violations.invalid(e, faces.getViewRoot().getLocale());
    }

    /**
     * A service's refusal as one {@link BusinessException}: Bean Validation's violations of its command (in the
     * page's language), or the refusal itself.
     */
    public static BusinessException refusal(FacesContext faces, RuntimeException refused) {
        return refused instanceof ConstraintViolationException v ? invalid(faces, v) : (BusinessException) refused;
    }

    /**
     * Shows a refusal on form {@code form}: a refusal of no field next to {@code form:submit}, each refused field
     * next to its input ({@code form:<field>}, a field of none of {@code fields} next to the first of them) with
     * the page's text {@code <keyPrefix><field>.invalid}.
     */
    public static void refused(FacesContext faces, BusinessException e, String form, List<String> fields,
                               String keyPrefix) {
        if (e.fieldErrors().isEmpty()) {
            error(faces, form + ":submit", e);
        }
        for (BusinessException.FieldError error : e.fieldErrors()) {
            String field = fields.contains(error.field()) ? error.field() : fields.get(0);
            error(faces, form + ":" + field, e, keyPrefix + field + ".invalid");
        }
    }

    /**
     * Shows a refused action next to {@code clientId}: the bundle's text for the problem type
     * ({@code problem.<type>}) in the page's language, else the service's own message.
     */
    public static void error(FacesContext faces, String clientId, BusinessException e) {
        error(faces, clientId, e, "problem." + e.type());
    }

    /** As {@link #error(FacesContext, String, BusinessException)}, with the page's own text for the field. */
    public static void error(FacesContext faces, String clientId, BusinessException e, String key) {
        String text;
        try {
            text = text(faces, key);
        } catch (MissingResourceException missing) {
            text = e.getMessage();
        }
        faces.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }
}
