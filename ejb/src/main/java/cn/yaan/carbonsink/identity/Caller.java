package cn.yaan.carbonsink.identity;

import java.io.Serializable;
import java.util.Set;

/**
 * Who is calling, as the interfaces pass it to the services: the account's name, its roles and the organisation
 * that scopes it (a court's code, a scenic site's code), if any.
 */
public record Caller(String username, String displayName, Set<Role> roles, String organisationCode,
                     OrganisationKind organisationKind) implements Serializable {

    public Caller {
        roles = Set.copyOf(roles);
    }

    static Caller of(Account account) {
        Organisation org = account.organisation();
        return new Caller(account.username(), account.displayName(), account.roles(),
                org == null ? null : org.code(), org == null ? null : org.kind());
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
