package cn.yaan.carbonsink.identity;

import java.time.Instant;

/**
 * Limits how many registrations one address may attempt, so that registration cannot be used to test resident ID
 * numbers in bulk. Behind an interface so that a store shared by the nodes of a cluster can replace the per-node
 * {@link InMemoryRegistrationThrottle}.
 */
public interface RegistrationThrottle {

    /** Takes one attempt for {@code address}: 0 when it may go ahead, else the seconds until the next one may. */
    long reserve(String address, Instant now);
}
