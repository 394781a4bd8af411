package cn.yaan.carbonsink.web.security;

import cn.yaan.carbonsink.identity.Caller;
import jakarta.security.enterprise.credential.Credential;

/**
 * A caller whose password the login page has just checked with the identity service; handed to
 * {@link SessionAndTokenMechanism} through {@code SecurityContext.authenticate}. Only server code can make one.
 */
public record VerifiedCaller(Caller caller) implements Credential {
}
