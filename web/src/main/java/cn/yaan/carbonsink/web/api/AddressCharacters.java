package cn.yaan.carbonsink.web.api;

import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.FreeText;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rule of {@link FreeText#characterProblem} for the address itself: a path or query parameter with a control
 * character ({@code %00}: PostgreSQL cannot even compare it), a bidirectional control or half a character is
 * refused (400) before any resource looks it up or repeats it in a message.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 90)
public class AddressCharacters implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (refused(request, "path", request.getUriInfo().getPath(true))) {
            return;
        }
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters(true).entrySet()) {
            // A parameter whose very name is refused is not repeated in the answer.
            String name = FreeText.characterProblem(parameter.getKey()).isPresent() ? "query" : parameter.getKey();
            if (refused(request, name, parameter.getKey() + String.join("", parameter.getValue()))) {
                return;
            }
        }
    }

    private static boolean refused(ContainerRequestContext request, String field, String text) {
        Optional<String> problem = FreeText.characterProblem(text);
        problem.ifPresent(p -> request.abortWith(ProblemMappers.business(BusinessException.invalid(field,
                "The address " + p))));
        return problem.isPresent();
    }
}
