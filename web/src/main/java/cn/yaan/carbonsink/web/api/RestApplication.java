package cn.yaan.carbonsink.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API. Every resource lives under {@code /api/v1}; every error is an RFC 9457 problem
 * ({@link ProblemMappers}); every method declares who may call it ({@link AccessControl}). What the OpenAPI
 * document says of every operation alike is written once, in {@link ApiContract}.
 */
@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "Ya'an forest carbon-sink platform API", version = "v1",
        description = "Carbon-sink units, certificates, and the public duty, justice and eco-tourism schemes. Every "
                + "error is an RFC 9457 problem (application/problem+json); every operation says who may call it. "
                + "Send a bearer token from POST /api/v1/auth/token where an operation needs one.",
        contact = @Contact(name = "Ya'an forest carbon-sink platform operator"),
        // The repository grants no licence; the document says so rather than leave the field empty.
        license = @License(name = "All rights reserved (no licence is granted)",
                identifier = "LicenseRef-All-Rights-Reserved")),
        servers = @Server(url = "/", description = "The server this document was fetched from"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A token from POST /api/v1/auth/token")
public class RestApplication extends Application {
}
