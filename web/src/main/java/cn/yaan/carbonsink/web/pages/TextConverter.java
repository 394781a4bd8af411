package cn.yaan.carbonsink.web.pages;

import cn.yaan.carbonsink.shared.FreeText;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.convert.Converter;
import jakarta.faces.convert.ConverterException;
import jakarta.faces.convert.FacesConverter;

/**
 * Every text typed into a page, before it reaches a service: no control characters (NUL, which PostgreSQL cannot
 * store), bidirectional controls or broken characters ({@link FreeText#characterProblem}), the same rule the API
 * applies to JSON text. The message is shown next to the field; the services check the rest of {@link FreeText}.
 */
@FacesConverter(forClass = String.class)
public class TextConverter implements Converter<String> {

    @Override
    public String getAsObject(FacesContext faces, UIComponent component, String text) {
        if (text != null && FreeText.characterProblem(text).isPresent()) {
            throw new ConverterException(new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    Pages.text(faces, "form.text.invalid"), null));
        }
        return text;
    }

    @Override
    public String getAsString(FacesContext faces, UIComponent component, String value) {
        return value;
    }
}
