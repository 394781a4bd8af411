package cn.yaan.carbonsink.web.api;

import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.List;
import java.util.logging.Logger;

/**
 * Who may call each REST method, decided before the method runs. A method (or its class) must say
 * {@code @PermitAll} or {@code @RolesAllowed}; one that says neither is refused to everybody, so a new endpoint
 * cannot ship open by accident. Anonymous callers of a protected method get 401 (with {@code WWW-Authenticate}),
 * authenticated callers without the role get 403. Which court or site a caller may see is the services' business.
 */
@Provider
public class AccessControl implements DynamicFeature {

    private static final Logger LOG = Logger.getLogger(AccessControl.class.getName());

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        Method method = resourceInfo.getResourceMethod();
        Class<?> resource = resourceInfo.getResourceClass();
        AnnotatedElement source = declares(method) ? method : resource;
        if (source.isAnnotationPresent(PermitAll.class)) {
            return;
        }
        RolesAllowed roles = source.getAnnotation(RolesAllowed.class);
        if (roles == null && !source.isAnnotationPresent(DenyAll.class)) {
            LOG.warning(() -> "REST method " + resource.getSimpleName() + "." + method.getName()
                    + " declares no access rule; it is refused to everybody");
        }
        context.register(new Check(roles == null ? List.of() : List.of(roles.value())));
    }

    private static boolean declares(Method method) {
        return method.isAnnotationPresent(PermitAll.class) || method.isAnnotationPresent(RolesAllowed.class)
                || method.isAnnotationPresent(DenyAll.class);
    }

    @Priority(Priorities.AUTHORIZATION)
    static final class Check implements ContainerRequestFilter {
        private final List<String> roles;

        Check(List<String> roles) {
            this.roles = roles;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            SecurityContext security = request.getSecurityContext();
            if (security.getUserPrincipal() == null) {
                request.abortWith(Problem.of(Response.Status.UNAUTHORIZED, "unauthenticated",
                                "Log in first: send 'Authorization: Bearer <token>' with a token from POST /api/v1/auth/token.")
                        .response().header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
                return;
            }
            if (roles.stream().noneMatch(security::isUserInRole)) {
                request.abortWith(Problem.of(Response.Status.FORBIDDEN, "forbidden",
                        "Your account may not do this; it needs one of the roles " + roles + ".").response().build());
            }
        }
    }
}
