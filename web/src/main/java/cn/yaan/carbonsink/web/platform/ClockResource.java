package cn.yaan.carbonsink.web.platform;

import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The controllable clock of test servers (404 unless {@code carbonsink.clock.controllable=true}, which production
 * never sets): lets tests see holds expire and due dates pass without waiting.
 */
@Path("v1/admin/clock")
@Tag(name = "Administration")
@Produces(MediaType.APPLICATION_JSON)
public class ClockResource {

    @Inject
    AppClock clock;

    public record ClockView(Instant now, String offset) {
    }

    public record ClockChange(@NotNull @Pattern(regexp = "P.*", message = "must be an ISO-8601 duration such as PT20M")
                              String offset) {
    }

    @GET
    @RolesAllowed(Role.Names.ADMIN)
    @Operation(operationId = "getClock", summary = "The server's clock (test servers)",
            description = "The server's current time and offset (test servers only)")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.ADMIN})
    public ClockView get() {
        requireControllable();
        return new ClockView(clock.now(), clock.offset().toString());
    }

    @PUT
    @RolesAllowed(Role.Names.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "moveClock", summary = "Move the server's clock (test servers)",
            description = "Move the server's clock forward from the system time (test servers only)")
    @SecurityRequirement(name = "bearer", scopes = {Role.Names.ADMIN})
    public ClockView set(@NotNull @Valid ClockChange change) {
        requireControllable();
        try {
            clock.setOffset(Duration.parse(change.offset()));
        } catch (DateTimeParseException e) {
            throw BusinessException.invalid("offset", "must be an ISO-8601 duration such as PT20M");
        }
        return get();
    }

    private static void requireControllable() {
        if (!AppClock.controllable()) {
            throw BusinessException.notFound("There is nothing at this address.");
        }
    }
}
