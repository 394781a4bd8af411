package cn.yaan.carbonsink.web.identity;

import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.identity.IdentityService;
import cn.yaan.carbonsink.identity.PasswordService;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.web.pages.Pages;
import cn.yaan.carbonsink.web.security.ClientAddress;
import cn.yaan.carbonsink.web.security.RateLimits;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;

import java.io.Serializable;
import java.util.List;

/**
 * 忘记密码 ({@code password-reset.xhtml}): the username or mobile number first, which sends a code to the registered
 * mobile (the page says the same whether the account exists), then the code and a new password, after which the
 * person is signed in. On a server that cannot send text messages the page says so and offers nothing.
 */
@Named("passwordReset")
@ViewScoped
public class PasswordResetBacking implements Serializable {

    @Inject
    PasswordService passwords;

    @Inject
    IdentityService identity;

    @Inject
    RateLimits rateLimits;

    @Inject
    LoginBacking login;

    private String account;
    private String code;
    private String newPassword;
    private boolean codeSent;

    public boolean isAvailable() {
        return passwords.resetAvailable();
    }

    public String sendCode() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (account == null || account.isBlank()) {
            faces.addMessage("request:account", new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    Pages.text(faces, "reset.account.required"), null));
            return null;
        }
        try {
            rateLimits.take(RateLimits.PASSWORD_RESET_CODES, address());
            passwords.requestCode(new PasswordService.CodeRequest(account), faces.getViewRoot().getLocale());
        } catch (ConstraintViolationException | BusinessException refused) {
            BusinessException e = Pages.refusal(faces, refused);
            Pages.error(faces, "request:account", e, e.fieldErrors().isEmpty() ? "problem." + e.type()
                    : "reset.account.required");
            return null;
        }
        codeSent = true;
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, Pages.text(faces, "reset.sent"), null));
        return null;
    }

    public String reset() {
        FacesContext faces = FacesContext.getCurrentInstance();
        String address = address();
        try {
            passwords.reset(new PasswordService.Reset(account, code, newPassword), address);
        } catch (ConstraintViolationException | BusinessException refused) {
            Pages.refused(faces, Pages.refusal(faces, refused), "reset", List.of("code", "newPassword"), "reset.");
            return null;
        }
        boolean signedIn;
        try {
            Caller caller = identity.authenticate(account, newPassword, address);
            signedIn = login.signIn(caller);
        } catch (BusinessException e) {
            signedIn = false; // a phone number is no username: the login page takes it from here
        }
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                Pages.text(faces, signedIn ? "reset.done" : "reset.done.login"), null));
        return signedIn ? "/account/mine?faces-redirect=true" : "/login?faces-redirect=true";
    }

    private static String address() {
        return ClientAddress.of((HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest());
    }

    public String getAccount() { return account; }
    public void setAccount(String account) { this.account = account; }
    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getNewPassword() { return newPassword; }
    public void setNewPassword(String newPassword) { this.newPassword = newPassword; }
    public boolean isCodeSent() { return codeSent; }
}
