package cn.yaan.carbonsink.web.security;

import cn.yaan.carbonsink.identity.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;

/** The caller of the current request, as {@link SessionAndTokenMechanism} established it (no second lookup). */
@RequestScoped
public class CurrentCaller {

    static final String REQUEST_ATTRIBUTE = "carbonsink.request-caller";

    @Inject
    HttpServletRequest request;

    public Optional<Caller> get() {
        return Optional.ofNullable((Caller) request.getAttribute(REQUEST_ATTRIBUTE));
    }

    /** The caller of a method that requires a login; {@code AccessControl} guarantees there is one. */
    public Caller required() {
        return get().orElseThrow(() -> new IllegalStateException("No caller on a protected request"));
    }
}
