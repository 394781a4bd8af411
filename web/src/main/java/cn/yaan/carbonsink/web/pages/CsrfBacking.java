package cn.yaan.carbonsink.web.pages;

import cn.yaan.carbonsink.web.security.SessionCsrf;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/** Hands the signed-in session's anti-forgery token to the page ({@code <meta name="csrf-token">}) for its scripts. */
@Named("csrf")
@RequestScoped
public class CsrfBacking {

    @Inject
    HttpServletRequest request;

    public String getToken() {
        return SessionCsrf.token(request);
    }
}
