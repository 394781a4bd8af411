package cn.yaan.carbonsink.web.api;

import cn.yaan.carbonsink.web.security.SessionCsrf;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses, before anything runs, an API write that a browser session authenticated without the session's
 * anti-forgery token (a form posted by another page, same-site or not): 403, nothing changes.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class SessionWriteCheck implements ContainerRequestFilter {

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        if (!SessionCsrf.allows(request)) {
            context.abortWith(Problem.of(Response.Status.FORBIDDEN, "csrf-token-required",
                    "A change made with the browser session's cookie must carry the page's " + SessionCsrf.HEADER
                            + " header. API clients send 'Authorization: Bearer <token>' instead.").response().build());
        }
    }
}
