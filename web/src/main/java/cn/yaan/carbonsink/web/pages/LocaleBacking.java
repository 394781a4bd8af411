package cn.yaan.carbonsink.web.pages;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.Iterator;
import java.util.Locale;

/**
 * The language of the pages: Simplified Chinese unless the browser prefers English (Accept-Language) or the
 * visitor switched with the header link ({@code ?lang=en} / {@code ?lang=zh}, a plain GET that works on every page,
 * error pages included). Kept in the session once chosen.
 */
@Named
@SessionScoped
public class LocaleBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private Locale locale;

    public Locale getLocale() {
        String asked = FacesContext.getCurrentInstance() == null ? null
                : FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("lang");
        if ("en".equals(asked)) {
            locale = Locale.ENGLISH;
        } else if ("zh".equals(asked)) {
            locale = CHINESE;
        } else if (locale == null) {
            locale = fromBrowser();
        }
        return locale;
    }

    /** The {@code lang} value of the link to the other language. */
    public String getOtherLanguage() {
        return isChinese() ? "en" : "zh";
    }

    public String getLanguage() {
        return getLocale().getLanguage();
    }

    public boolean isChinese() {
        return "zh".equals(getLanguage());
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
