package cn.yaan.carbonsink.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash of an audit entry: SHA-256 over the previous entry's hash, the sequence number, the time, the actor and
 * the canonical payload, joined by newlines. Changing any field of any entry changes its hash and breaks the link
 * to the next entry.
 */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static String hash(String prevHash, long seq, Instant at, String actor, String payload) {
        String canonical = prevHash + "\n" + seq + "\n" + at.toString() + "\n" + actor + "\n" + payload;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
