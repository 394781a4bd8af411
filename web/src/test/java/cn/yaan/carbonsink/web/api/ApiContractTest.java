package cn.yaan.carbonsink.web.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every REST method tells the OpenAPI document of itself agrees with what it does: the roles of its
 * {@code @SecurityRequirement} are those of its {@code @RolesAllowed} (a method open to all has none), and it has an
 * operation id of its own, a summary and a description. {@code OpenApiContractIT} checks the document the server serves.
 */
class ApiContractTest {

    private static final List<Class<? extends java.lang.annotation.Annotation>> VERBS =
            List.of(GET.class, POST.class, PUT.class, DELETE.class, PATCH.class);

    /** The resource classes of the web module, found among the compiled classes. */
    private static List<Class<?>> resources() throws IOException, ClassNotFoundException {
        Path classes = Path.of("target/classes");
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("Resource.class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replace(".class", "");
                found.add(Class.forName(name));
            }
        }
        return found;
    }

    @Test
    void everyRestMethodDeclaresItsOperationAndTheRolesItAllows() throws Exception {
        List<Class<?>> resources = resources();
        assertThat(resources).hasSizeGreaterThan(15);
        Set<String> ids = new HashSet<>();
        List<String> wrong = new ArrayList<>();
        int methods = 0;
        for (Class<?> resource : resources) {
            for (Method m : resource.getDeclaredMethods()) {
                if (VERBS.stream().noneMatch(m::isAnnotationPresent)) {
                    continue;
                }
                methods++;
                String at = resource.getSimpleName() + "." + m.getName();
                Operation op = m.getAnnotation(Operation.class);
                if (op == null || op.operationId().isBlank() || op.summary().isBlank() || op.description().isBlank()) {
                    wrong.add(at + ": needs @Operation with operationId, summary and description");
                } else if (!ids.add(op.operationId())) {
                    wrong.add(at + ": operationId " + op.operationId() + " is used twice");
                }
                RolesAllowed roles = m.getAnnotation(RolesAllowed.class);
                SecurityRequirement requirement = m.getAnnotation(SecurityRequirement.class);
                if (roles != null) {
                    if (requirement == null || !requirement.name().equals(ApiContract.BEARER)
                            || !Set.of(requirement.scopes()).equals(Set.of(roles.value()))) {
                        wrong.add(at + ": @SecurityRequirement(name = \"bearer\", scopes = "
                                + Arrays.toString(roles.value()) + ") must say what @RolesAllowed allows");
                    }
                } else if (m.isAnnotationPresent(PermitAll.class) && requirement != null
                        && !at.equals("MetricsResource.scrape")) {
                    // The metrics are open to the deployment's scrape token as well as to administrators' tokens.
                    wrong.add(at + ": open to all but declares a security requirement");
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(methods).isGreaterThan(80);
    }
}
