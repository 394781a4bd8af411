package cn.yaan.carbonsink.platform;

import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.Sha256;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Requests sent with an {@code Idempotency-Key} header (every request that moves money, units or places): the same
 * key and the same request are done once and answered with what the first one created; the same key with another
 * request is refused (422). The key is claimed in the transaction that does the work, so a retry sent while the
 * first is still running waits for it and then answers its result; a request that failed claimed nothing and may be
 * retried with the same key. Keys are the caller's own (two callers choosing the same key never meet) and are
 * remembered for {@link IdempotencyStore#RETENTION}.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Idempotency {

    static final int MAX_KEY_LENGTH = 100;

    @Inject
    IdempotencyStore store;

    /**
     * What a request asks, as the canonical text its hash is taken of (callers put every field that changes what the
     * request does into it, personal data only as keyed hashes).
     */
    public record Request(String caller, String key, String operation, String canonical) {
    }

    /**
     * Does {@code work} once for the request's key, in a new transaction, and answers with what it produced; a repeat
     * of the request is answered with {@code replay} (in a transaction of its own) of the reference the first one
     * recorded ({@code ref} of its result). Without a key, the work simply runs (in a new transaction).
     */
    public <T> T once(Request request, Supplier<T> work, Function<T, String> ref, Function<String, T> replay) {
        String key = scoped(request);
        if (key == null) {
            return store.run(work);
        }
        String hash = Sha256.hex(request.operation() + "\n" + request.canonical());
        Optional<String> earlier = store.earlier(key, hash);
        if (earlier.isPresent()) {
            return store.run(() -> replay.apply(earlier.get()));
        }
        try {
            return store.claimAndRun(key, hash, work, ref);
        } catch (IdempotencyStore.KeyTaken raced) {
            // The same request sent twice at once: the first has committed by now; answer what it made.
            String made = store.earlier(key, hash).orElseThrow(() -> BusinessException.conflict(
                    "idempotency-key-in-use", "A request with this Idempotency-Key is still running; retry in a moment."));
            return store.run(() -> replay.apply(made));
        }
    }

    private static String scoped(Request request) {
        String header = request.key();
        if (header == null || header.isBlank()) {
            return null;
        }
        if (header.length() > MAX_KEY_LENGTH) {
            throw BusinessException.invalid("Idempotency-Key",
                    "An Idempotency-Key is at most " + MAX_KEY_LENGTH + " characters.");
        }
        return request.caller() + ":" + header.trim();
    }
}
