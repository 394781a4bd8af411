package cn.yaan.carbonsink.identity;

import java.time.Instant;

/**
 * Slows down password guessing without letting anyone lock someone else out. Every login attempt reserves its
 * password check here before the (deliberately slow) hash is computed, so attempts sent in parallel see each other;
 * a reservation counts as a failure until {@link #succeeded} gives it back.
 * <p>
 * Implemented by {@link SharedLoginThrottle}, whose counts the nodes of a cluster share.
 */
public interface LoginThrottle {

    /**
     * Reserves the check of one attempt on {@code username} from {@code address}.
     *
     * @return 0 when the password may be checked now (the attempt is then counted as a failure until
     *         {@link #succeeded} is called), else the seconds to wait before this account may be tried again from
     *         this address (nothing was reserved)
     */
    long reserve(String username, String address, Instant now);

    /** The reserved attempt had the right password: its failure is given back and the pair's own failures forgotten. */
    void succeeded(String username, String address);
}
