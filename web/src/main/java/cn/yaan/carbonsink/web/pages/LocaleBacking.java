package cn.yaan.carbonsink.web.pages;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import java.io.Serializable;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The language of the pages: Simplified Chinese unless the browser prefers English (Accept-Language) or the
 * visitor switched with the header link (the same page with {@code lang=en} / {@code lang=zh} added to its
 * parameters, a plain GET that works on every page, error pages included). Kept in the session once chosen.
 */
@Named
@SessionScoped
public class LocaleBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    /** The query of the address that failed, on an error page (Servlet 6.1's {@code ERROR_QUERY_STRING}). */
    private static final String ERROR_QUERY_STRING = "jakarta.servlet.error.query_string";

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

    /**
     * This page in the other language: its address with all its parameters and {@code lang} set. A page that
     * answered a form shows the address of the page the form belongs to, with its view parameters; an error page
     * the address that failed.
     */
    public String getOtherLanguageUrl() {
        FacesContext faces = FacesContext.getCurrentInstance();
        HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
        String path = request.getRequestURI();
        String query = request.getQueryString();
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (failed != null) {
            path = failed.toString();
            Object failedQuery = request.getAttribute(ERROR_QUERY_STRING);
            query = failedQuery == null ? query : failedQuery.toString();
        } else if ("POST".equals(request.getMethod()) && faces.getViewRoot() != null) {
            String page = faces.getApplication().getViewHandler().getBookmarkableURL(faces,
                    faces.getViewRoot().getViewId(), Map.of(), true);
            int q = page.indexOf('?');
            path = q < 0 ? page : page.substring(0, q);
            query = q < 0 ? null : page.substring(q + 1);
        }
        StringBuilder url = new StringBuilder(path.replaceFirst("^[/\\\\]+", "/")).append('?');
        if (query != null) {
            for (String parameter : query.split("&")) {
                if (!parameter.isEmpty() && !parameter.equals("lang") && !parameter.startsWith("lang=")) {
                    url.append(parameter).append('&');
                }
            }
        }
        return url.append("lang=").append(getOtherLanguage()).toString();
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
