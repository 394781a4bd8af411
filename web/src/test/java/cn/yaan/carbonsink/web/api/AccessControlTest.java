package cn.yaan.carbonsink.web.api;

import cn.yaan.carbonsink.identity.Role;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may call a REST method: the rule it (or its class) declares, and nobody when it declares none. */
class AccessControlTest {

    @Path("open")
    @Produces(MediaType.TEXT_PLAIN)
    public static class Open {
        @GET
        @PermitAll
        public String get() {
            return "open";
        }
    }

    @Path("officers")
    @Produces(MediaType.TEXT_PLAIN)
    @RolesAllowed(Role.Names.OFFICER)
    public static class Officers {
        @GET
        public String get() {
            return "inventory";
        }

        /** A method's own rule wins over its class's. */
        @GET
        @Path("public")
        @PermitAll
        public String figures() {
            return "figures";
        }

        @GET
        @Path("courts")
        @RolesAllowed({Role.Names.COURT, Role.Names.ADMIN})
        public String courts() {
            return "orders";
        }
    }

    /** A resource whose author forgot to say who may call it. */
    @Path("forgotten")
    @Produces(MediaType.TEXT_PLAIN)
    public static class Forgotten {
        @GET
        public String get() {
            return "should never be seen";
        }
    }

    @Path("closed")
    @Produces(MediaType.TEXT_PLAIN)
    public static class Closed {
        @GET
        @DenyAll
        public String get() {
            return "should never be seen";
        }
    }

    private final InMemoryApi api = new InMemoryApi(Open.class, Officers.class, Forgotten.class, Closed.class);

    @Test
    void aPermitAllMethodAnswersAnybody() {
        assertThat(api.get("/open").body()).isEqualTo("open");
        assertThat(api.as("citizen", Role.Names.CITIZEN).get("/open").body()).isEqualTo("open");
    }

    @Test
    void anonymousCallersOfAProtectedMethodGet401WithTheSchemeToUse() {
        InMemoryApi.Reply reply = api.get("/officers");
        assertThat(reply.problem(401, "unauthenticated").getString("detail")).contains("Authorization: Bearer");
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void callersWithoutTheRoleGet403NamingTheRolesNeeded() {
        InMemoryApi.Reply reply = api.as("citizen", Role.Names.CITIZEN).get("/officers");
        assertThat(reply.problem(403, "forbidden").getString("detail")).contains("OFFICER");
        assertThat(reply.header("WWW-Authenticate")).isNull();
    }

    @Test
    void theClassRuleAppliesToItsMethodsAndAMethodRuleOverridesIt() {
        assertThat(api.as("officer", Role.Names.OFFICER).get("/officers").body()).isEqualTo("inventory");
        assertThat(api.anonymous().get("/officers/public").body()).isEqualTo("figures");
        assertThat(api.as("officer", Role.Names.OFFICER).get("/officers/courts").status())
                .as("the method's roles replace the class's").isEqualTo(403);
        assertThat(api.as("admin", Role.Names.ADMIN).get("/officers/courts").body())
                .as("any one of the roles listed is enough").isEqualTo("orders");
    }

    @Test
    void aMethodThatDeclaresNothingIsRefusedToEverybody() {
        assertThat(api.anonymous().get("/forgotten").status()).isEqualTo(401);
        for (String role : new String[]{Role.Names.CITIZEN, Role.Names.COURT, Role.Names.OFFICER,
                Role.Names.SITE_OPERATOR, Role.Names.ADMIN}) {
            InMemoryApi.Reply reply = api.as("someone", role).get("/forgotten");
            assertThat(reply.status()).as(role + ": " + reply).isEqualTo(403);
            assertThat(reply.body()).doesNotContain("should never be seen");
        }
    }

    @Test
    void denyAllIsRefusedToEverybody() {
        assertThat(api.as("admin", Role.Names.ADMIN, Role.Names.OFFICER).get("/closed").status()).isEqualTo(403);
    }
}
