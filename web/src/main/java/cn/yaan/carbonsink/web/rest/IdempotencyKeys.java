package cn.yaan.carbonsink.web.rest;

import cn.yaan.carbonsink.shared.BusinessException;
import jakarta.persistence.PersistenceException;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code Idempotency-Key} header of the endpoints that take money or places: the same key and body answer the
 * first response again, so a client may resend a request whose answer it lost.
 */
final class IdempotencyKeys {

    static final int MAX_LENGTH = 100;

    private IdempotencyKeys() {
    }

    /**
     * The key as stored, or null when the request has none. Keys are the caller's own: two callers choosing the same
     * key do not see each other's answers.
     */
    static String scoped(String header, String username) {
        if (header == null || header.isBlank()) {
            return null;
        }
        if (header.length() > MAX_LENGTH) {
            throw BusinessException.invalid("Idempotency-Key", "An Idempotency-Key is at most " + MAX_LENGTH + " characters.");
        }
        return username + ":" + header.trim();
    }

    /**
     * The answer recorded for the key, else the request run now. The same key sent twice at once: the request that
     * loses the race for the key (its insert fails) answers the first one's result once that has committed.
     */
    static <T> T replayOrRun(Supplier<Optional<T>> replay, Supplier<T> run) {
        Optional<T> earlier = replay.get();
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            return run.get();
        } catch (RuntimeException e) {
            if (ProblemMappers.cause(e, PersistenceException.class) == null) {
                throw e;
            }
            return replay.get().orElseThrow(() -> BusinessException.conflict("idempotency-key-in-use",
                    "A request with this Idempotency-Key is still running; retry in a moment."));
        }
    }
}
