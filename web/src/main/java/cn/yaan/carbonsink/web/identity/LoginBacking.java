package cn.yaan.carbonsink.web.identity;

import cn.yaan.carbonsink.web.pages.Pages;

import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.identity.IdentityService;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.web.security.ClientAddress;
import cn.yaan.carbonsink.web.security.VerifiedCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** The login page ({@code login.xhtml}) and logout. */
@Named
@RequestScoped
public class LoginBacking {

    @Inject
    IdentityService identity;

    @Inject
    SecurityContext securityContext;

    @Inject
    FacesContext faces;

    private String username;
    private String password;
    private String next;

    public String login() throws IOException {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        Caller caller;
        try {
            caller = identity.authenticate(username, password, ClientAddress.of(request));
        } catch (BusinessException e) {
            String key = e.kind() == BusinessException.Kind.TOO_MANY_REQUESTS ? "login.throttled" : "login.failed";
            faces.addMessage("login:password", new FacesMessage(FacesMessage.SEVERITY_ERROR, text(key), null));
            return null;
        }
        if (!signIn(caller)) {
            faces.addMessage("login:password", new FacesMessage(FacesMessage.SEVERITY_ERROR, text("login.failed"), null));
            return null;
        }
        external.redirect(external.getRequestContextPath() + safeNext());
        faces.responseComplete();
        return null;
    }

    /** Signs the caller in for this browser's session (a new session id); false when the container refused. */
    boolean signIn(Caller caller) {
        ExternalContext external = faces.getExternalContext();
        return securityContext.authenticate((HttpServletRequest) external.getRequest(),
                (HttpServletResponse) external.getResponse(), AuthenticationParameters.withParams()
                        .credential(new VerifiedCaller(caller)).newAuthentication(true)) == AuthenticationStatus.SUCCESS;
    }

    public void logout() throws IOException, ServletException {
        ExternalContext external = faces.getExternalContext();
        ((HttpServletRequest) external.getRequest()).logout();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + "/");
        faces.responseComplete();
    }

    /** Only a path on this site, never another host (no open redirect). */
    private String safeNext() {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.startsWith("/login")) {
            return "/";
        }
        return next;
    }

    private String text(String key) {
        return Pages.text(faces, key);
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }
}
