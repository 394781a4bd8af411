package cn.yaan.carbonsink.web.view;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.Iterator;
import java.util.Locale;

/**
 * The language of the pages: Simplified Chinese unless the browser prefers English (Accept-Language) or the
 * visitor switched. Kept in the session once chosen.
 */
@Named
@SessionScoped
public class LocaleBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private Locale locale;

    public Locale getLocale() {
        if (locale == null) {
            locale = fromBrowser();
        }
        return locale;
    }

    public String getLanguage() {
        return getLocale().getLanguage();
    }

    public boolean isChinese() {
        return "zh".equals(getLanguage());
    }

    /** Switches to the other language and stays on the same page. */
    public void toggle() {
        locale = isChinese() ? Locale.ENGLISH : CHINESE;
        FacesContext.getCurrentInstance().getViewRoot().setLocale(locale);
    }

    private static Locale fromBrowser() {
        FacesContext faces = FacesContext.getCurrentInstance();
        // Without an Accept-Language header the container offers its own default locale: ignore it.
        if (faces != null && faces.getExternalContext().getRequestHeaderMap().get("Accept-Language") != null) {
            Iterator<Locale> preferred = faces.getExternalContext().getRequestLocales();
            while (preferred.hasNext()) {
                String language = preferred.next().getLanguage();
                if ("zh".equals(language)) {
                    return CHINESE;
                }
                if ("en".equals(language)) {
                    return Locale.ENGLISH;
                }
            }
        }
        return CHINESE;
    }
}
