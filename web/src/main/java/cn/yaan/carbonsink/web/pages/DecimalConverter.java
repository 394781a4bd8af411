package cn.yaan.carbonsink.web.pages;

import cn.yaan.carbonsink.shared.Decimals;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.convert.Converter;
import jakarta.faces.convert.ConverterException;
import jakarta.faces.convert.FacesConverter;

import java.math.BigDecimal;

/**
 * Every decimal typed into a page (volumes, multipliers, distances, areas, coordinates), in place of the standard
 * converter, which accepts {@code 1E-999999999}: the text must be a number within {@link Decimals}' general bounds
 * before anything is computed with it. The field's own range is checked by its validator and by the service.
 */
@FacesConverter(forClass = BigDecimal.class)
public class DecimalConverter implements Converter<BigDecimal> {

    @Override
    public BigDecimal getAsObject(FacesContext faces, UIComponent component, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return Decimals.parse(text.strip()).orElseThrow(() -> new ConverterException(
                new FacesMessage(FacesMessage.SEVERITY_ERROR, Pages.text(faces, "form.decimal.invalid"), null)));
    }

    @Override
    public String getAsString(FacesContext faces, UIComponent component, BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }
}
