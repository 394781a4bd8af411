package cn.yaan.carbonsink.web.rest;

import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The logged-in account, as the caller's own view of it. */
@Path("v1/me")
@Tag(name = "Authentication")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    CurrentCaller currentCaller;

    @Inject
    BookingResource bookings;

    public record Me(String username, String displayName, List<String> roles, String organisation) {
    }

    @GET
    @RolesAllowed({Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER, Role.Names.SITE_OPERATOR,
            Role.Names.ADMIN})
    @Operation(summary = "Who am I: username, roles and organisation of the caller")
    public Me me() {
        Caller caller = currentCaller.required();
        return new Me(caller.username(), caller.displayName(), caller.roles().stream().map(Role::name).sorted().toList(),
                caller.organisationCode());
    }

    @GET
    @Path("bookings")
    @RolesAllowed(Role.Names.CITIZEN)
    @Operation(summary = "The caller's bookings of scenic-site visits, newest first (the latest 100)")
    public List<BookingResource.BookingView> bookings() {
        return bookings.mine();
    }
}
